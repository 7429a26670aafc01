import { report, type Place } from '@pattern-press/diagnostics';
import { sharedValidators, type PatternModule } from '@pattern-press/schema';
import type { Code } from 'mdast';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { checkAnswer } from './answers.js';
import { readBody } from './body.js';
import type { CatalogEntry } from './parse-catalog.js';
import { parseMarkdown } from './markdown.js';
import { joinPointer, PointerMap } from './pointers.js';
import { definitionOf, reportSchemaErrors } from './schema-errors.js';
import { decodeText } from './text.js';
import { isPlainObject, parseYamlSource } from './yaml-source.js';

export interface ParsedModule {
  file: VFile;
  /** The canonical document; present whenever the front matter could be read, valid or not. */
  document?: PatternModule | undefined;
  /** True when the document validates and no error was reported on the file. */
  valid: boolean;
  /** True when the document validates against the module schema (other errors aside): safe to read. */
  schemaValid: boolean;
  /** Where each value of the document came from (JSON pointer → place in module.md). */
  pointers: PointerMap;
  /** Code fences that name no language (formatting is checked against the source, not the document). */
  fencesWithoutLanguage?: Place[];
}

export interface ParseModuleOptions {
  /** The module's catalog entry: the source of category, priority, complexity, depends_on, real_examples. */
  catalogEntry?: CatalogEntry | undefined;
  /** Path to show in `source.path` (defaults to file.path). */
  sourcePath?: string;
  /**
   * The module sits in a collection but has no catalog entry: that is reported
   * once as catalog-missing-entry, so the catalog fields it lacks are not errors too.
   */
  withoutCatalogEntry?: boolean;
}

export const defaultEffort = { research: 1, outline: 1, content: 3, exam: 2, review: 1 } as const;

/** Keys the body provides; writing them in the front matter is a mistake. */
const bodyKeys = ['blocks', 'challenge', 'case_studies', 'mistakes', 'checklist', 'see_also', 'exam', 'links', 'citations', 'source'];
const catalogKeys = ['category', 'priority', 'complexity', 'depends_on', 'real_examples'] as const;

const origin: Place = { line: 1, column: 1 };

/**
 * Parses a module file into its canonical document. Every content problem is
 * a message on `file`; this function does not throw on any input.
 */
export function parseModule(file: VFile, options: ParseModuleOptions = {}): ParsedModule {
  const pointers = new PointerMap();
  pointers.set('', { value: origin });
  const result: ParsedModule = { file, valid: false, schemaValid: false, pointers };
  try {
    const read = readModule(file, pointers, options);
    result.document = read?.document;
    result.schemaValid = read?.schemaValid ?? false;
    if (read) result.fencesWithoutLanguage = read.fencesWithoutLanguage;
  } catch (error) {
    // A bug of ours must still come out as a diagnostic with a place, not a stack trace.
    report(file, 'internal-error', `the parser failed: ${(error as Error).message}`, { place: origin });
  }
  result.valid = result.document !== undefined && !file.messages.some((message) => message.fatal === true);
  return result;
}

function readModule(file: VFile, pointers: PointerMap, options: ParseModuleOptions): { document: PatternModule; schemaValid: boolean; fencesWithoutLanguage: Place[] } | undefined {
  const text = decodeText(file);
  if (text === undefined) return undefined;
  const tree = parseMarkdown(text);
  const [first, ...rest] = tree.children;
  if (first?.type !== 'yaml') {
    report(file, 'frontmatter-missing', 'the module has no YAML front matter', {
      place: origin,
      hint: 'start the file with `---`, the metadata, and `---`',
    });
    return undefined;
  }
  const yamlStart = first.position?.start.line ?? 1;
  const frontMatter = parseYamlSource(file, first.value, { line: yamlStart + 1, column: 1 }, '', pointers);
  if (!frontMatter) return undefined;
  if (!isPlainObject(frontMatter.value)) {
    report(file, 'frontmatter-not-mapping', 'the front matter must be a mapping of keys to values', {
      place: pointers.get('')?.value ?? origin,
    });
    return undefined;
  }
  pointers.set('', { value: { line: yamlStart, column: 1 } });
  const meta: Record<string, unknown> = { ...frontMatter.value };
  for (const key of bodyKeys) {
    if (key in meta) {
      report(file, 'schema-unknown-key', `\`${key}\` comes from the module body and cannot be set in the front matter`, {
        place: pointers.get(joinPointer('', key))?.key,
      });
      delete meta[key];
    }
  }
  const entry = options.catalogEntry;
  const fromCatalog = new Set<string>();
  if (entry) {
    for (const key of catalogKeys) {
      const written = meta[key];
      if (written !== undefined && JSON.stringify(written) !== JSON.stringify(entry.value[key])) {
        report(file, 'catalog-mismatch', `\`${key}\` is ${JSON.stringify(written)} here but ${JSON.stringify(entry.value[key])} in the catalog`, {
          place: pointers.get(joinPointer('', key))?.value,
          hint: 'the catalog is the source of this field: remove it here',
          cause: { path: entry.path, place: entry.places[key], reason: 'the catalog entry' },
        });
      }
      meta[key] = entry.value[key];
      fromCatalog.add(`/${key}`);
    }
  }
  const passMark = meta.pass_mark;
  delete meta.pass_mark;
  pointers.move('/pass_mark', '/exam/pass_mark');
  const assessment = meta.assessment;
  delete meta.assessment;
  pointers.move('/assessment', '/exam/assessment');

  const body = readBody(file, text, rest, pointers);
  const document = {
    ...meta,
    prerequisites: meta.prerequisites ?? [],
    depends_on: meta.depends_on ?? [],
    related: meta.related ?? [],
    real_examples: meta.real_examples ?? [],
    outcomes: meta.outcomes ?? [],
    authors: meta.authors ?? [],
    effort: isPlainObject(meta.effort) ? { ...defaultEffort, ...meta.effort } : (meta.effort ?? { ...defaultEffort }),
    review: meta.review ?? { rubric: [], signoffs: [] },
    blocks: body.blocks,
    ...(body.challenge ? { challenge: body.challenge } : {}),
    case_studies: body.case_studies,
    ...(body.mistakes ? { mistakes: body.mistakes } : {}),
    ...(body.checklist ? { checklist: body.checklist } : {}),
    ...(body.see_also ? { see_also: body.see_also } : {}),
    ...(body.exam || passMark !== undefined || assessment !== undefined
      ? {
          exam: {
            ...(passMark !== undefined ? { pass_mark: passMark } : {}),
            ...(body.exam?.minutes !== undefined ? { minutes: body.exam.minutes } : {}),
            questions: body.exam?.questions ?? [],
            ...(assessment !== undefined ? { assessment } : {}),
            ...(body.exam?.position ? { position: body.exam.position } : {}),
          },
        }
      : {}),
    links: body.links,
    citations: body.citations,
    source: { path: options.sourcePath ?? file.path },
  } as PatternModule;

  const errors = sharedValidators().validate('module', document);
  reportSchemaErrors(file, errors, pointers, {
    skip: (pointer, error) =>
      fromCatalog.has(pointer) ||
      [...body.handled].some((handled) => pointer === handled || pointer.startsWith(`${handled}/`)) ||
      [...fromCatalog].some((key) => pointer.startsWith(`${key}/`)) ||
      (options.withoutCatalogEntry === true &&
        pointer === '' &&
        error.keyword === 'required' &&
        (catalogKeys as readonly string[]).includes(String((error.params as { missingProperty?: string }).missingProperty))) ||
      // Reported as block-missing-title with a better message.
      (error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === 'title' && definitionOf(error) !== ''),
  });
  const schemaValid = errors.length === 0;
  // Cross-checks run on every part the schema accepted, so one run reports all problems.
  const invalid = (pointer: string) => errors.some((error) => error.instancePath === pointer || error.instancePath.startsWith(`${pointer}/`));
  checkIds(file, document, pointers, invalid);
  (document.exam?.questions ?? []).forEach((question, index) => {
    if (!invalid(`/exam/questions/${index}`)) checkAnswer(file, question, `/exam/questions/${index}`, pointers);
  });
  if (!invalid('/slug')) checkSlug(file, document, pointers);
  const fencesWithoutLanguage: Place[] = [];
  visit(tree, 'code', (code: Code) => {
    if (!code.lang && code.position) fencesWithoutLanguage.push({ line: code.position.start.line, column: code.position.start.column });
  });
  return { document, schemaValid, fencesWithoutLanguage };
}

function checkSlug(file: VFile, document: PatternModule, pointers: PointerMap): void {
  if (path.basename(file.path) !== 'module.md') return;
  const folder = path.basename(path.dirname(file.path));
  if (document.slug !== folder) {
    report(file, 'slug-mismatch', `slug \`${document.slug}\` differs from the folder name \`${folder}\``, {
      place: pointers.get('/slug')?.value,
    });
  }
}

/** Outcome, block, code-example and question ids are unique within a module. */
function checkIds(file: VFile, document: PatternModule, pointers: PointerMap, invalid: (pointer: string) => boolean): void {
  const check = (kind: string, entries: { id: string; pointer: string }[]) => {
    const seen = new Map<string, string>();
    for (const { id, pointer } of entries) {
      if (typeof id !== 'string' || invalid(pointer)) continue;
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, pointer);
        continue;
      }
      report(file, 'duplicate-id', `${kind} id \`${id}\` is used twice`, {
        place: pointers.lookup(pointer)?.value,
        cause: { path: file.path, place: pointers.lookup(first)?.value, reason: 'first used here' },
      });
    }
  };
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  check(
    'outcome',
    list(document.outcomes).map((o, i) => ({ id: o?.id, pointer: `/outcomes/${i}/id` })),
  );
  check(
    'block',
    document.blocks.map((b, i) => ({ id: b.id, pointer: `/blocks/${i}` })),
  );
  check(
    'code example',
    document.blocks.flatMap((b, i) => b.code.map((c, j) => ({ id: c.id, pointer: `/blocks/${i}/code/${j}` }))),
  );
  check(
    'question',
    list(document.exam?.questions).map((q, i) => ({ id: q.id, pointer: `/exam/questions/${i}` })),
  );
}
