import { checkCollection, checkQuality, validateDiagrams } from '@pattern-press/checks';
import { loadCollection, toPublication } from '@pattern-press/format';
import { fileUrl, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitReport } from './emit.js';
import type { Report } from './report-data.js';

const modulesDir = fileURLToPath(new URL('../../../modules', import.meta.url));

describe('emitReport on the repository', () => {
  it('writes report.json and a page that renders in Chromium without errors or requests', async () => {
    // The repository's modules, with saga moved back to research so the report shows rules not yet due.
    const copy = await mkdtemp(path.join(os.tmpdir(), 'press-report-modules-'));
    await cp(modulesDir, copy, { recursive: true });
    const saga = path.join(copy, 'saga', 'module.md');
    await writeFile(saga, (await readFile(saga, 'utf8')).replace(/^status: review$/m, 'status: research'));
    const collection = await loadCollection(copy);
    checkCollection(collection);
    const quality = checkQuality(collection, { diagramErrors: await validateDiagrams(collection) });
    const publication = toPublication(collection);
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'press-report-'));
    await emitReport(publication.modules, quality, { outDir });

    const report = JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')) as Report;
    expect(report.modules.map((m) => m.slug)).toEqual(publication.modules.map((m) => m.slug));
    const breaker = report.modules.find((m) => m.slug === 'circuit-breaker')!;
    expect(breaker.status).toBe('review');
    expect(breaker.rules.find((r) => r.id === 'block-hook')?.state).toBe('pass');
    expect(breaker.rules.find((r) => r.id === 'code-example-failed')?.state).toBe('not-run');
    expect(breaker.signoffs.filter((s) => s.state === 'missing').length).toBeGreaterThan(0);
    expect(breaker.coverage.every((c) => c.questions.length > 0)).toBe(true);
    expect(breaker.blocks.map((b) => b.minutes)).toEqual([25, 30, 25, 25, 25]);
    const research = report.modules.find((m) => m.slug === 'saga')!;
    expect(research.status).toBe('research');
    expect(research.rules.find((r) => r.id === 'block-hook')?.state).toBe('not-due');

    const browser = await launchBrowser();
    try {
      const blocked: string[] = [];
      const page = await openIsolatedPage(browser, { allowedRoots: [outDir], onBlocked: (url) => blocked.push(url) });
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.setViewport({ width: 1200, height: 900 });
      await page.goto(fileUrl(path.join(outDir, 'index.html')), { waitUntil: 'load' });
      expect(await page.$eval('#circuit-breaker h2', (el) => el.textContent)).toContain('Circuit Breaker');
      const screenshot = path.join(outDir, 'report.png');
      await page.screenshot({ path: screenshot, fullPage: false });
      expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
