import type { ModuleQuality } from '@pattern-press/checks';
import type { PatternModule } from '@pattern-press/schema';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toReport } from './report-data.js';
import { toReportHtml } from './report-html.js';

/** Writes `<outDir>/index.html` and `<outDir>/report.json`. */
export async function emitReport(documents: PatternModule[], quality: ModuleQuality[], options: { outDir: string }): Promise<{ files: string[] }> {
  const report = toReport(documents, quality);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(path.join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(options.outDir, 'index.html'), toReportHtml(report));
  return { files: ['index.html', 'report.json'] };
}
