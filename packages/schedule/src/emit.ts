import { cacheKey, codeFingerprint, type OutputCache } from '@pattern-press/cache';
import { chromiumVersion, launchBrowser, openIsolatedPage } from '@pattern-press/render';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { toCsv } from './csv.js';
import { toJson } from './json.js';
import { toGanttSvg } from './gantt-svg.js';
import { toHtml } from './html.js';
import { toICalendar } from './icalendar.js';
import { toMermaidGantt } from './mermaid-gantt.js';
import { withBaseline, type ScheduleBaseline } from './baseline.js';
import { scheduleTimeline } from './schedule.js';
import type { ScheduleInput, ScheduleOptions, SchedulePlan } from './types.js';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;

export interface EmitScheduleOptions {
  /** Staging folder; the CLI swaps it into dist/schedule/. */
  outDir: string;
  /** .press-cache/ (kept for callers; the charts are drawn here, not rendered by Mermaid). */
  cacheDir: string;
  /** The build's shared Chromium; one is started (and closed) when absent. */
  browser?: Browser | undefined;
  schedule?: ScheduleOptions | undefined;
  /** A saved plan to compare with: every export shows each task's and module's slip against it. */
  baseline?: ScheduleBaseline | undefined;
  /** Finished exports by content hash: an unchanged plan's files are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
}

export interface EmitScheduleResult {
  /** Absolute paths of the files written, sorted; empty when the input has errors. */
  files: string[];
  problems: VFile[];
  plan?: SchedulePlan | undefined;
}

export const scheduleFileNames = ['people.png', 'people.svg', 'timeline.csv', 'timeline.html', 'timeline.ics', 'timeline.json', 'timeline.mmd', 'timeline.png', 'timeline.svg'] as const;

/**
 * Plans the timeline and writes every export into `outDir`: the task view
 * and the people view as SVG and PNG (screenshotted in Chromium), the Mermaid
 * source, the HTML page, iCalendar, CSV and JSON. With any error in the input
 * nothing is written.
 */
export async function emitSchedule(input: ScheduleInput, options: EmitScheduleOptions): Promise<EmitScheduleResult> {
  const scheduled = scheduleTimeline(input, options.schedule);
  const { problems } = scheduled;
  const plan = scheduled.plan && options.baseline ? withBaseline(scheduled.plan, options.baseline) : scheduled.plan;
  if (!plan || problems.some((file) => file.messages.some((message) => message.fatal === true))) return { files: [], problems };
  const mermaid = toMermaidGantt(plan);
  // Every export is a function of the plan; only the chart's pictures also depend on the Chromium that draws them.
  const key = options.outputCache ? cacheKey('schedule', await codeFingerprint(import.meta.url), await chromiumVersion(), plan) : undefined;
  if (key && problems.length === 0) {
    const restored = await options.outputCache!.restore(key, options.outDir);
    if (restored) return { files: restored.map((name) => path.join(options.outDir, name)).sort(), problems, plan };
  }
  const browser = options.browser ?? (await launchBrowser());
  try {
    const [tasks, people] = [toGanttSvg(plan, 'tasks'), toGanttSvg(plan, 'people')];
    const contents: Record<(typeof scheduleFileNames)[number], string | Uint8Array> = {
      'people.png': await screenshotSvg(browser, people),
      'people.svg': people,
      'timeline.csv': toCsv(plan),
      'timeline.html': toHtml(plan, tasks, people),
      'timeline.ics': toICalendar(plan),
      'timeline.json': toJson(plan),
      'timeline.mmd': mermaid,
      'timeline.png': await screenshotSvg(browser, tasks),
      'timeline.svg': tasks,
    };
    await mkdir(options.outDir, { recursive: true });
    const files: string[] = [];
    for (const name of scheduleFileNames) {
      const file = path.join(options.outDir, name);
      await writeFile(file, contents[name]);
      files.push(file);
    }
    if (key && problems.length === 0) await options.outputCache!.store(key, options.outDir, [...scheduleFileNames]);
    return { files, problems, plan };
  } finally {
    if (!options.browser) await browser.close();
  }
}

/** The chart as PNG: the SVG alone on a white page, captured at twice the pixel density. */
export async function screenshotSvg(browser: Browser, svg: string): Promise<Uint8Array> {
  const page = await openIsolatedPage(browser, { allowedRoots: [] });
  try {
    await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: 2 });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`, {
      waitUntil: 'load',
    });
    const element = await page.$('svg');
    if (!element) throw new Error('the rendered timeline has no <svg> element');
    return await element.screenshot({ type: 'png', omitBackground: false });
  } finally {
    await page.close();
  }
}
