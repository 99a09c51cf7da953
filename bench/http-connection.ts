// A lean HTTP/1.1 client for the benchmarks that drive multi-step flows (bench:trades): one
// kept-alive connection, one request at a time on it, the answer read by its Content-Length.
//
// The load generator shares the machine's two cores with the server it measures. node:http's
// client spent about 73–113 µs of CPU per request here (its agent, parser and stream machinery);
// this one about 22–34 µs, so the figures say more about the server and less about the client.
// bench:api uses wrk (C) for the same reason; wrk cannot carry a trade's id from one request to
// the next, which this benchmark needs.
//
// It reads only what Zhifu answers (a status line, headers, a body of Content-Length bytes) and
// refuses anything else (a chunked body, a closed connection) with an error rather than guess.
// A 204 or 304 answer has no body.

import { connect, type Socket } from 'node:net';

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

interface Waiting {
  readonly resolve: (answer: HttpAnswer) => void;
  readonly reject: (error: Error) => void;
}

const headEnd = Buffer.from('\r\n\r\n');

export class HttpConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: Waiting | undefined;
  private failure: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  /** Connects to the origin of `url` (http only). */
  static open(url: URL): Promise<HttpConnection> {
    if (url.protocol !== 'http:') return Promise.reject(new Error(`HttpConnection speaks http only, not ${url.protocol}`));
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port || 80), url.hostname);
      socket.once('connect', () => resolve(new HttpConnection(socket, url.host)));
      socket.once('error', reject);
    });
  }

  /** Sends one request and answers its status and body; `headers` are written as given. */
  request(method: string, path: string, headers: Readonly<Record<string, string>>, body?: string): Promise<HttpAnswer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.waiting !== undefined) return Promise.reject(new Error('HttpConnection: one request at a time'));
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    head += `content-length: ${body === undefined ? 0 : Buffer.byteLength(body)}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  close(): void {
    this.failure ??= new Error('the connection was closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(headEnd);
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    // 204 and 304 answers have no body (RFC 9110); every other answer must say its length.
    const length = status !== null && (status[1] === '204' || status[1] === '304') ? '0' : /^content-length: *(\d+)\r?$/im.exec(head)?.[1];
    if (status === null || length === undefined) {
      this.fail(new Error(`HttpConnection reads answers with a Content-Length only: ${head.slice(0, 200)}`));
      return;
    }
    const bodyEnd = end + headEnd.length + Number(length);
    if (this.buffered.length < bodyEnd) return;
    const text = this.buffered.toString('utf8', end + headEnd.length, bodyEnd);
    this.buffered = this.buffered.subarray(bodyEnd);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting === undefined) this.fail(new Error('HttpConnection: an answer came without a request'));
    else waiting.resolve({ status: Number(status[1]), text });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
