import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

/** Debian's Chromium; PRESS_CHROMIUM overrides it. We never download a browser. */
export function chromiumPath(): string {
  return process.env.PRESS_CHROMIUM ?? '/usr/bin/chromium';
}

// Without the background-networking flags Chromium tries to reach Google at start-up,
// which a closed network answers slowly; the build needs no network at all.
const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--font-render-hinting=none',
];

/** Starts the one Chromium a build shares across every output. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/setup.sh (installs the Debian package chromium) or set PRESS_CHROMIUM`);
  }
  // pipe: Chromium talks over its stdin/stdout, so it exits when this process dies, even by SIGKILL or
  // out of memory; over a WebSocket (the default) a killed build left a dozen Chromium processes behind.
  // protocolTimeout 0: no call to Chromium has a fixed deadline. A print grows with its document and a loaded
  // machine is slow; the build waits, and a stopped build closes the browser (see the CLI's stop handling).
  // Loaded here, not on import: a command that needs no browser (press check with every diagram's verdict cached) never loads puppeteer.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ executablePath, args: chromiumArgs, headless: true, pipe: true, protocolTimeout: 0 });
}

let installedVersion: Promise<string> | undefined;

/**
 * The Chromium that renders (as `HeadlessChrome/131.0...`): part of every
 * cached output's key, since a new Chromium may lay pages out differently.
 * Asked of the binary (once per process), so the key is the same whether or
 * not a browser is running yet.
 */
export function chromiumVersion(): Promise<string> {
  installedVersion ??= new Promise((resolve) => {
    execFile(chromiumPath(), ['--version'], { timeout: 30_000 }, (error, stdout) => resolve(error ? `unknown ${chromiumPath()}` : stdout.trim()));
  });
  return installedVersion;
}

/** Runs `work` with a browser that is closed afterwards, even when `work` fails. */
export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

export interface IsolatedPageOptions {
  /** Folders whose files the page may load (file:// URLs under them). */
  allowedRoots: string[];
  /** Receives every request that was blocked. */
  onBlocked?: (url: string) => void;
}

function isAllowed(url: string, roots: readonly string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:')) return true;
  if (!url.startsWith('file:')) return false;
  const filePath = path.resolve(fileURLToPath(url.split('#')[0]!.split('?')[0]!));
  return roots.some((root) => filePath === root || filePath.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/**
 * A page that may load only local files of the build: every other request
 * (http, https, file outside the allowed folders) is aborted and reported.
 */
export async function openIsolatedPage(browser: Browser, options: IsolatedPageOptions): Promise<Page> {
  const roots = options.allowedRoots.map((root) => path.resolve(root));
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (isAllowed(url, roots)) {
      void request.continue();
    } else {
      options.onBlocked?.(url);
      void request.abort('blockedbyclient');
    }
  });
  return page;
}

export function fileUrl(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** How many pages to render at once: one per core. */
export function defaultConcurrency(): number {
  return Math.max(1, os.availableParallelism());
}

/**
 * Maps `items` through `work` with at most `limit` running at once, keeping
 * input order. When one fails, no further item starts, and the first error
 * is thrown only after the items already running have settled: nothing of
 * this call is still writing (into a staging folder, say) once it has failed.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results;
}
