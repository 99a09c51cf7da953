// RSA2 signatures as Alipay's open API makes them. A request's signed text is every parameter but
// `sign` (`sign_type` included), empty values left out, sorted by key in ASCII order and joined as
// k=v&k=v without URL-encoding; the signature is RSA-SHA256 under the app's private key, base64.
// An answer's signature covers the exact JSON text of its `*_response` value.

import { createSign, createVerify, type KeyObject } from 'node:crypto';

export function signedText(parameters: Readonly<Record<string, string>>): string {
  return Object.keys(parameters)
    .filter((key) => key !== 'sign' && parameters[key] !== '')
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
