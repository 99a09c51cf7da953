// Browser journeys: Zhifu started as `npm start` starts it (SQLite in a fresh directory, the demo
// world, the built web app) on a real port, and Debian's Chromium driven by playwright-core.
// Every person in a journey gets a browser context of their own (their own cookies); each step
// can be saved as a screenshot under test-artifacts/e2e/<journey>/; any error the page logs to
// the console, or throws, fails the journey; after the journey the ledger is checked.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { loadConfig } from '../../../src/platform/config.js';
import { systemClock } from '../../../src/platform/clock.js';
import { startServer, type RunningServer } from '../../../src/http/server.js';
import type { DemoWorld } from '../../../src/demo-world.js';

export const chromiumPath = process.env.ZHIFU_CHROMIUM ?? '/usr/bin/chromium';
/** The flags the project runs Chromium with (playwright adds a fresh --user-data-dir per launch). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const artifactsDirectory = join(process.cwd(), 'test-artifacts', 'e2e');

export interface ActorOptions {
  /** 375 × 812 (a phone) by default; the dashboards use 1280 × 800. */
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly locale?: string;
}

export interface Journey {
  readonly server: RunningServer;
  readonly base: string;
  readonly demo: DemoWorld;
  readonly browser: Browser;
  /** A new person at the browser: a context of their own, a page, console errors watched. */
  actor(options?: ActorOptions): Promise<Page>;
  /** Saves the page (the screen on a phone, the whole page on a desktop) as test-artifacts/e2e/<journey>/<nn>-<name>.png. */
  shot(page: Page, name: string): Promise<string>;
  /** Calls the API as a program would (the merchant's server, say). */
  api<T = unknown>(method: 'GET' | 'POST', path: string, options?: { readonly token?: string; readonly body?: unknown }): Promise<{ status: number; body: T }>;
  /** Console lines matching this are expected in the current test (a refused request the page shows). */
  allowConsole(pattern: RegExp): void;
}

const phone = { width: 375, height: 812 };

export function useJourney(name: string): () => Journey {
  let journey: Journey | undefined;
  let directory = '';
  let shots = 0;
  let consoleErrors: string[] = [];
  let failedResponses: string[] = [];
  let allowed: RegExp[] = [];
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const folder = join(artifactsDirectory, name);

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'zhifu-e2e-'));
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const config = loadConfig({ ZHIFU_DATA_DIR: directory, PORT: '0', HOST: '127.0.0.1' });
    const started = await startServer(config, systemClock, { demo: true, logger: false });
    server = started;
    if (started.demo === undefined) throw new Error('the demo world was not made');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    const base = started.url.replace('0.0.0.0', '127.0.0.1');
    const watch = (page: Page) => {
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
      // Chromium's "Failed to load resource" line does not say which; this does.
      page.on('response', (response) => {
        if (response.status() >= 400) failedResponses.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
      });
    };
    journey = {
      server: started,
      base,
      demo: started.demo,
      browser,
      async actor(options = {}) {
        const context = await browser!.newContext({ viewport: options.viewport ?? phone, locale: options.locale ?? 'en-GB', baseURL: base, acceptDownloads: true });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        watch(page);
        return page;
      },
      async shot(page, label) {
        shots += 1;
        const path = join(folder, `${String(shots).padStart(2, '0')}-${label}.png`);
        // A phone screen is saved as the person sees it: a full-page picture would repeat the
        // fixed header and tab bar in the middle of the page.
        await page.screenshot({ path, fullPage: (page.viewportSize()?.width ?? 0) > 600 });
        return path;
      },
      async api(method, path, options = {}) {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(method === 'POST' ? { 'idempotency-key': `e2e-${Date.now()}-${Math.random()}` } : {}),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        });
        const text = await response.text();
        return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as never };
      },
      allowConsole(pattern) {
        allowed.push(pattern);
      },
    };
  });

  afterEach(() => {
    const unexpected = consoleErrors.filter((line) => !allowed.some((pattern) => pattern.test(line)));
    const responses = failedResponses;
    consoleErrors = [];
    failedResponses = [];
    allowed = [];
    expect(unexpected, `the browser console logged errors; refused requests: ${responses.join('; ') || 'none'}`).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined) {
      expect((await server.ledger.audit()).failures).toEqual([]);
      await server.stop();
    }
    rmSync(directory, { recursive: true, force: true });
  });

  return () => journey!;
}
