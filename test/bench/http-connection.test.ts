// The benchmarks' lean HTTP client against a real server on a port: requests in turn on one
// connection, answers split across packets, an empty body, and a clear error for what it does not
// read (a chunked body) and for a connection the server closes.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConnection } from '../../bench/http-connection.js';

describe('HttpConnection', () => {
  let server: Server;
  let url: URL;
  const connectionsSeen = new Set<unknown>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      connectionsSeen.add(request.socket);
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        if (request.url === '/chunked') {
          response.write('part one ');
          response.end('part two');
          return;
        }
        if (request.url === '/close') {
          request.socket.destroy();
          return;
        }
        if (request.url === '/empty') {
          response.writeHead(204).end();
          return;
        }
        // The answer in two writes with a pause between, so that it arrives in pieces.
        const text = JSON.stringify({ method: request.method, url: request.url, authorization: request.headers.authorization ?? null, body, 中文: '支付' });
        const bytes = Buffer.from(text);
        response.writeHead(201, { 'content-type': 'application/json', 'content-length': bytes.length });
        response.write(bytes.subarray(0, 10));
        setTimeout(() => response.end(bytes.subarray(10)), 5);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends requests in turn on one kept-alive connection and reads each answer whole', async () => {
    const connection = await HttpConnection.open(url);
    try {
      for (let index = 0; index < 3; index++) {
        const answer = await connection.request('POST', `/things/${index}`, { authorization: 'Bearer k', 'content-type': 'application/json' }, JSON.stringify({ index }));
        expect(answer.status).toBe(201);
        expect(JSON.parse(answer.text)).toEqual({ method: 'POST', url: `/things/${index}`, authorization: 'Bearer k', body: `{"index":${index}}`, 中文: '支付' });
      }
      expect(await connection.request('GET', '/empty', {})).toEqual({ status: 204, text: '' });
      expect(connectionsSeen.size).toBe(1);
      await expect(Promise.all([connection.request('GET', '/a', {}), connection.request('GET', '/b', {})])).rejects.toThrow(/one request at a time/);
    } finally {
      connection.close();
    }
  });

  it('refuses a chunked answer and a closed connection with an error, and stays failed', async () => {
    const chunked = await HttpConnection.open(url);
    await expect(chunked.request('GET', '/chunked', {})).rejects.toThrow(/Content-Length only/);
    chunked.close();
    const closed = await HttpConnection.open(url);
    await expect(closed.request('GET', '/close', {})).rejects.toThrow(/closed the connection/);
    await expect(closed.request('GET', '/things', {})).rejects.toThrow(/closed the connection/);
    closed.close();
    await expect(HttpConnection.open(new URL('https://127.0.0.1:1'))).rejects.toThrow(/http only/);
  });
});
