// RSA2 signatures as Alipay's open API makes them, for the gateway and for its notifications. A
// request's signed text is every parameter but `sign` (`sign_type` included), empty values left
// out, sorted by key in ASCII order and joined as k=v&k=v without URL-encoding; the signature is
// RSA-SHA256, base64. An answer's signature covers the exact JSON text of its `*_response` value;
// a notification's covers its parameters but `sign` and `sign_type`.

import { createSign, createVerify, type KeyObject } from 'node:crypto';

export function signedText(parameters: Readonly<Record<string, string>>, leaveOut: readonly string[] = ['sign']): string {
  return Object.keys(parameters)
    .filter((key) => !leaveOut.includes(key) && parameters[key] !== '')
    .sort()
    .map((key) => `${key}=${parameters[key]}`)
    .join('&');
}

export function verifyRsa2(text: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export function signRsa2(text: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(privateKey, 'base64');
}
