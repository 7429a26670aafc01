// Test helper (not exported by the package): the browser and test LMS every player test sets up and tears down.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@pattern-press/render';
import type { Browser, Frame, Page } from 'puppeteer-core';
import type { ScormVersion } from '../schemas.js';
import { extractZip } from './fixtures.js';
import { startLms, type TestLms } from './lms-harness.js';

export interface ScormHarness {
  browser: Browser;
  /** A page on the LMS's harness.html, where `launchSco` opens packages. */
  page: Page;
  /** A fresh folder, removed by `close`; the served packages are unzipped under `www/`. */
  work: string;
  lms: TestLms;
  /** Requests the page made beyond the LMS, refused (only with `refuseOutside`). */
  blocked: string[];
  /** Closes the browser and the LMS and removes `work`. */
  close(): Promise<void>;
}

/**
 * Chromium, a work folder and the test LMS serving the packages `make`
 * writes (their paths; each is unzipped into `www/<zip name>`), with a page
 * open on its harness. With `refuseOutside` the player must not reach beyond
 * the LMS: any other request is refused and recorded in `blocked`.
 */
export async function openScormHarness(prefix: string, make: (browser: Browser, work: string) => Promise<readonly string[]>, options: { refuseOutside?: boolean } = {}): Promise<ScormHarness> {
  const browser = await launchBrowser();
  let work: string | undefined;
  let lms: TestLms | undefined;
  const close = async () => {
    await browser.close();
    await lms?.close();
    if (work) await rm(work, { recursive: true, force: true });
  };
  try {
    work = await mkdtemp(path.join(os.tmpdir(), prefix));
    for (const file of await make(browser, work)) await extractZip(file, path.join(work, 'www', path.basename(file, '.zip')));
    lms = await startLms(path.join(work, 'www'));
    const served = lms;
    const page = await browser.newPage();
    const blocked: string[] = [];
    if (options.refuseOutside) {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().startsWith(served.url) || request.url().startsWith('about:')) void request.continue();
        else {
          blocked.push(request.url());
          void request.abort();
        }
      });
    }
    await page.goto(`${lms.url}/harness.html`, { waitUntil: 'load' });
    return { browser, page, work, lms, blocked, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** How the harness's LMS misbehaves for one launch. */
export interface LmsFaults {
  preinitialize?: boolean;
  commitUrl?: boolean;
  width?: number;
  height?: number;
}

/** Launches the SCO at `launchPath` (under the LMS's root) in the harness and waits until the player shows its progress. */
export async function launchSco(page: Page, version: ScormVersion, launchPath: string, stored?: Record<string, unknown>, activityTree?: Record<string, unknown>, faults?: LmsFaults): Promise<Frame> {
  await page.evaluate((v, u, s, t, f) => (window as any).launch(v, u, s, t, f), version, launchPath, stored ?? null, activityTree ?? null, faults ?? null);
  const frame = (await (await page.waitForSelector('#sco'))!.contentFrame())!;
  await frame.waitForFunction(() => (document.getElementById('pp-progress')?.textContent ?? '') !== '', { timeout: 30_000 });
  return frame;
}
