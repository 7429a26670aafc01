// Test helpers (not exported by the package): the real publication, a synthetic dependent module, zips read back.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCollection } from '@pattern-press/checks';
import { loadCollection, restrictBuilt, toPublication, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import yauzl from 'yauzl';

export const modulesRoot = fileURLToPath(new URL('../../../../modules', import.meta.url));

export async function realPublication(): Promise<Publication> {
  const collection = await loadCollection(modulesRoot);
  checkCollection(collection);
  // Only circuit-breaker is built: the tests must not grow with the content.
  return restrictBuilt(toPublication(collection), ['circuit-breaker']);
}

/**
 * The real publication plus a built module that depends on circuit-breaker: a
 * copy of it under the catalog's bulkhead slug (which depends on circuit-breaker),
 * at status draft, so the course tests know every question of both modules.
 */
export function withDependentModule(publication: Publication): Publication {
  const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
  const dependent: PatternModule = structuredClone(breaker);
  dependent.slug = 'bulkhead';
  dependent.title = 'Bulkhead';
  dependent.status = 'draft';
  dependent.depends_on = ['circuit-breaker'];
  dependent.source = { path: 'modules/bulkhead/module.md' };
  return { ...publication, modules: publication.modules.map((module) => (module.slug === 'bulkhead' ? dependent : module)) };
}

/** Every entry of a zip, read back with yauzl: name -> bytes, plus the raw entry metadata. */
export function readZip(file: string): Promise<{ entries: Map<string, Buffer>; meta: yauzl.Entry[] }> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      const meta: yauzl.Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        meta.push(entry);
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve({ entries, meta }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export async function extractZip(file: string, into: string): Promise<void> {
  const { entries } = await readZip(file);
  for (const [name, bytes] of entries) {
    const target = path.join(into, name);
    if (!target.startsWith(into + path.sep)) throw new Error(`zip entry escapes: ${name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}

/**
 * Copies of circuit-breaker that exercise the assessment settings: `quiz-limited`
 * (two attempts, the last result kept), `quiz-numbers` (its numeric answer is 1200) and
 * `quiz-shuffled` (questions and choices shuffled, the quiz closed until every page was seen).
 */
export function withQuizVariants(publication: Publication): Publication {
  const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
  const variant = (slug: string, change: (module: PatternModule) => void): PatternModule => {
    const copy: PatternModule = structuredClone(breaker);
    copy.slug = slug;
    copy.title = `Quiz ${slug}`;
    copy.source = { path: `modules/${slug}/module.md` };
    change(copy);
    return copy;
  };
  const limited = variant('quiz-limited', (module) => {
    module.exam!.assessment = { attempts: 2, result: 'last' };
    // The author's feedback on every choice: sealed with the key, shown for the chosen ones after a submit.
    for (const question of module.exam!.questions) {
      if (question.type !== 'single' && question.type !== 'multiple') continue;
      for (const choice of question.answer.choices) choice.feedback = `Feedback on choice ${choice.id} of ${question.id}: *why* it is what it is.`;
    }
  });
  const numbers = variant('quiz-numbers', (module) => {
    const numeric = module.exam!.questions.find((question) => question.type === 'numeric')!;
    (numeric.answer as { correct: number; tolerance?: number }).correct = 1200;
    (numeric.answer as { correct: number; tolerance?: number }).tolerance = 0;
  });
  const shuffled = variant('quiz-shuffled', (module) => {
    module.exam!.assessment = { shuffle: true, linear: true };
  });
  return { ...publication, modules: [...publication.modules, limited, numbers, shuffled] };
}
