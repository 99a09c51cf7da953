// Deliveries over real HTTP to a receiver on this machine: the answer is read, the connection goes
// to the address that was checked (a name that resolves inside the network is refused as the
// connection is made, which closes DNS rebinding), redirects are not followed, and a receiver
// that does not answer times out.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, DeliveryRefusedError, DeliveryTimeoutError, type Resolve } from './deliver.js';

describe('deliveries', () => {
  let server: Server;
  let port: number;
  const received: { host: string | undefined; body: string; signature: string | undefined }[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ host: request.headers.host, body, signature: request.headers['zhifu-signature'] as string | undefined });
        if (request.url === '/slow') return; // never answers
        if (request.url === '/moved') {
          response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/plain' }).end('success');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  const options = { headers: { 'content-type': 'application/json', 'zhifu-signature': 't=1,v1=ab' }, body: '{"id":"evt_1"}', timeoutMilliseconds: 2000 };
  /** A name that resolves to the given addresses, whatever DNS would say. */
  const resolvingTo = (...addresses: string[]): Resolve => (_, callback) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

  it('posts the body with its headers and reads the answer, in the sandbox', async () => {
    const answer = await deliver(`http://127.0.0.1:${port}/hooks`, { ...options, allowInternal: true });
    expect(answer).toEqual({ status: 200, text: 'success' });
    expect(received.at(-1)).toEqual({ host: `127.0.0.1:${port}`, body: '{"id":"evt_1"}', signature: 't=1,v1=ab' });
  });

  it('connects to the address the name resolved to when it was checked', async () => {
    const answer = await deliver(`http://hooks.example:${port}/hooks`, { ...options, allowInternal: true, resolve: resolvingTo('127.0.0.1') });
    expect(answer.status).toBe(200);
    expect(received.at(-1)!.host).toBe(`hooks.example:${port}`);
  });

  it('refuses internal targets in production, by literal or by what the name resolves to as it connects', async () => {
    const before = received.length;
    for (const url of [`http://127.0.0.1:${port}/hooks`, `http://localhost:${port}/hooks`, `http://[::ffff:127.0.0.1]:${port}/hooks`]) {
      await expect(deliver(url, { ...options, allowInternal: false })).rejects.toBeInstanceOf(DeliveryRefusedError);
    }
    // A name that answered a public address to an earlier check and now answers an internal one
    // (DNS rebinding), or that has any internal address among public ones.
    for (const resolve of [resolvingTo('127.0.0.1'), resolvingTo('93.184.216.34', '10.0.0.1'), resolvingTo('::1')]) {
      await expect(deliver(`http://hooks.example:${port}/hooks`, { ...options, allowInternal: false, resolve })).rejects.toThrow(/internal address/);
    }
    expect(received.length).toBe(before);
  });

  it('does not follow redirects, and gives up on a receiver that does not answer', async () => {
    expect((await deliver(`http://127.0.0.1:${port}/moved`, { ...options, allowInternal: true })).status).toBe(302);
    const slow = deliver(`http://127.0.0.1:${port}/slow`, { ...options, allowInternal: true, timeoutMilliseconds: 200 });
    await expect(slow).rejects.toBeInstanceOf(DeliveryTimeoutError);
    await expect(slow).rejects.toThrow('no answer in 0.2 s');
  });
});
