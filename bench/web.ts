// npm run bench:web -- [--runs N]   (serves the built app: npm install or npm run build:web first)
// The wallet's first screen in Chromium on loopback: starts Zhifu (SQLite in a fresh directory,
// the demo world, the built web app), signs a demo consumer in, then opens `/` N times in a fresh
// page each and measures, from the navigation's start, the moment the balance is on the screen
// and the page answers input (a click on a quick action is handled). Also adds up the JavaScript
// the first screen downloads, as sent (gzip or brotli, per Content-Encoding) and gzipped.
// Prints one JSON line.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/platform/config.js';
import { systemClock } from '../src/platform/clock.js';
import { startServer } from '../src/http/server.js';
import { chromiumArgs, chromiumPath } from '../test/e2e/support/journey.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not "${values.runs}"`);

const directory = mkdtempSync(join(tmpdir(), 'zhifu-bench-web-'));
const server = await startServer(loadConfig({ ZHIFU_DATA_DIR: directory, PORT: '0', HOST: '127.0.0.1' }), systemClock, { demo: true, logger: false });
const base = server.url.replace('0.0.0.0', '127.0.0.1');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 375, height: 812 } });
  const signIn = await context.request.post('/v1/sessions', { data: { identifier: '+8613800000001', password: 'zhifu-demo' }, headers: { 'idempotency-key': `bench-web-${Date.now()}` } });
  if (signIn.status() !== 201) throw new Error(`sign-in answered ${signIn.status()}`);

  const timings: number[] = [];
  let scripts: { url: string; sent: number; gzipped: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    // The first screen's scripts: those fetched until the balance is shown.
    const loaded: Promise<{ url: string; sent: number; gzipped: number }>[] = [];
    const collect = (response: import('playwright-core').Response) => {
      if (response.request().resourceType() !== 'script') return;
      loaded.push(
        (async () => {
          const body = await response.body();
          const length = Number((await response.allHeaders())['content-length'] ?? body.length);
          return { url: new URL(response.url()).pathname, sent: length, gzipped: gzipSync(body, { level: 9 }).length };
        })(),
      );
    };
    if (run === 0) page.on('response', collect);
    await page.goto('/', { waitUntil: 'commit' });
    await page.getByTestId('balance').waitFor({ state: 'visible' });
    page.off('response', collect);
    // Interactive: a click on a quick action is handled (the router moves to the page). The
    // scripts' sizes are awaited only after the time is taken, so that this run is not slowed.
    await page.getByRole('link', { name: 'Top up' }).first().click();
    await page.waitForURL('**/topup');
    timings.push(await page.evaluate(() => performance.now()));
    if (run === 0) scripts = await Promise.all(loaded);
    await page.close();
  }
  timings.sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(timings[Math.min(timings.length - 1, Math.floor(fraction * timings.length))]!);
  const firstScreen = scripts;
  console.log(
    JSON.stringify({
      benchmark: 'web',
      runs,
      interactive_ms: { median: at(0.5), p95: at(0.95), max: Math.round(timings.at(-1)!) },
      first_screen_js: {
        files: firstScreen.map((script) => script.url),
        sent_bytes: firstScreen.reduce((sum, script) => sum + script.sent, 0),
        gzipped_bytes: firstScreen.reduce((sum, script) => sum + script.gzipped, 0),
      },
    }),
  );
} finally {
  await browser.close();
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}
