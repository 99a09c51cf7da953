// Serves the web app (web/, built by Vite into web/dist) from the API's own origin: the hashed
// files under /assets for a year, and index.html, never cached, for every other page a browser
// asks for (the app routes in the browser). API paths never fall back to the page: an unknown
// /v1 route stays a JSON 404.

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NotFoundFallback } from './plugins/error-handler.js';

/** Paths that belong to the API and its documents, never to the web app. */
const apiPrefixes = ['/v1/', '/v1?', '/gateway.do', '/openapi.json', '/docs', '/healthz', '/metrics'];

/**
 * The page's security headers: scripts, styles and connections from this origin only, images
 * also from data: and blob: URLs (QR codes, uploaded images), no framing (clickjacking).
 */
const pageHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

/** web/dist of this checkout: from src/http (tsx) or dist/http (compiled), the package root's web/dist. */
export function defaultWebDirectory(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    if (existsSync(join(directory, 'package.json'))) return join(directory, 'web', 'dist');
    directory = dirname(directory);
  }
  return join(process.cwd(), 'web', 'dist');
}

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (apiPrefixes.some((prefix) => request.url.startsWith(prefix)) || path === '/v1') return false;
  // A missing file (a name with an extension) is a 404, not the page.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * Registers the web app's files when `directory` holds a build; answers with the fallback that
 * serves index.html for the app's pages. Without a build the API runs alone and says so.
 */
export async function registerWebApp(app: FastifyInstance, directory: string | undefined): Promise<NotFoundFallback | undefined> {
  if (directory === undefined || !existsSync(join(directory, 'index.html'))) return undefined;
  await app.register(fastifyStatic, {
    root: directory,
    prefix: '/',
    index: false,
    wildcard: true,
    schemaHide: true,
    preCompressed: true,
    // Cache-Control is set below: a year for the hashed assets, revalidation for the rest.
    cacheControl: false,
    setHeaders: (response, path) => {
      if (path.includes(`${join('assets', '')}`)) response.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else response.setHeader('cache-control', 'no-cache');
      response.setHeader('x-content-type-options', 'nosniff');
    },
  });
  const sendPage = (reply: FastifyReply) => reply.code(200).headers({ ...pageHeaders, 'cache-control': 'no-cache' }).sendFile('index.html');
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
  // Browsers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', { schema: { hide: true } }, (_request, reply) => reply.type('image/svg+xml').sendFile('favicon.svg'));
  return (request: FastifyRequest, reply: FastifyReply) => {
    if (!isPageRequest(request)) return false;
    void sendPage(reply);
    return true;
  };
}
