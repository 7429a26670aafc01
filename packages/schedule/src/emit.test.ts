import { checkCollection } from '@pattern-press/checks';
import { loadCollection, toPublication, type Publication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitSchedule, scheduleFileNames } from './emit.js';
import { toMermaidGantt } from './mermaid-gantt.js';
import { modulesRoot } from './test-helpers.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

const temp = (prefix: string) => mkdtemp(path.join(os.tmpdir(), prefix));

describe('emitSchedule (Chromium)', () => {
  let browser: Browser;
  let publication: Publication;
  beforeAll(async () => {
    browser = await launchBrowser();
    const collection = await loadCollection(modulesRoot);
    checkCollection(collection);
    publication = toPublication(collection);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes every export, byte-identical on a second build with a cold cache', async () => {
    const [outDir, cacheDir] = [await temp('press-schedule-out-'), await temp('press-schedule-cache-')];
    const started = performance.now();
    const result = await emitSchedule(publication, { outDir, cacheDir, browser });
    const firstMs = performance.now() - started;
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual(scheduleFileNames.map((name) => path.join(outDir, name)));
    const plan = result.plan!;

    const mmd = await readFile(path.join(outDir, 'timeline.mmd'), 'utf8');
    expect(mmd).toBe(toMermaidGantt(plan));
    expect(mmd).toContain('excludes weekends');
    expect(JSON.parse(await readFile(path.join(outDir, 'timeline.json'), 'utf8'))).toEqual(plan);

    const svg = await readFile(path.join(outDir, 'timeline.svg'), 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').trim());
    expect(texts).toEqual(expect.arrayContaining(['Saga · Review', 'reviewer-a', 'Authoring timeline: tasks']));
    expect(texts.some((text) => text.startsWith('Sprint 1 '))).toBe(true);
    // One bar per task, the critical ones styled as such.
    expect(svg.match(/<rect[^>]*class="task[^"]*"/g)).toHaveLength(plan.tasks.length);
    expect(svg.match(/<rect[^>]*class="task[^"]*crit/g)).toHaveLength(plan.criticalPath.length);

    const png = await readFile(path.join(outDir, 'timeline.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);

    const html = await readFile(path.join(outDir, 'timeline.html'), 'utf8');
    expect(html).toContain(svg);
    expect(html).toContain(await readFile(path.join(outDir, 'people.svg'), 'utf8'));
    expect(html).not.toMatch(/<script|<link|src="http/);

    const ics = await readFile(path.join(outDir, 'timeline.ics'), 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(plan.tasks.length);

    const again = await temp('press-schedule-again-');
    const second = await emitSchedule(publication, { outDir: again, cacheDir: await temp('press-schedule-cache-'), browser });
    for (const name of scheduleFileNames) {
      expect(Buffer.compare(await readFile(path.join(outDir, name)), await readFile(path.join(again, name))), name).toBe(0);
    }
    expect(second.files).toHaveLength(scheduleFileNames.length);
    console.info(`emitSchedule: ${plan.tasks.length} tasks, first build ${Math.round(firstMs)} ms, png ${png.length} bytes, svg ${svg.length} bytes`);
  });

  it('writes nothing when the input has errors', async () => {
    const outDir = path.join(await temp('press-schedule-bad-'), 'schedule');
    const broken: Publication = structuredClone(publication);
    // Sharding builds on load balancing: load balancing building on sharding closes a cycle.
    broken.catalog.patterns[0]!.depends_on = ['sharding'];
    const result = await emitSchedule(broken, { outDir, cacheDir: await temp('press-schedule-cache-'), browser });
    expect(result.files).toEqual([]);
    expect(result.problems.flatMap((file) => file.messages.map((message) => message.ruleId))).toEqual(['dependency-cycle']);
    expect(String(result.problems[0]!.messages[0]!.reason)).toBe('dependency cycle: load-balancing → sharding → load-balancing');
    expect(existsSync(outDir)).toBe(false);
  });
});
