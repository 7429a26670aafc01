import { blockersFor, statusOrder } from '@pattern-press/checks';
import { catalogFileName, loadCollection, moduleFileName } from '@pattern-press/format';
import { loadSchema, type PatternModule } from '@pattern-press/schema';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isNode, isSeq, parseDocument, type Node, type YAMLSeq } from 'yaml';
import { checkCollectionAt, UsageError } from '@pattern-press/engine';

export interface NewModuleOptions {
  slug: string;
  title: string;
  category: string;
  priority?: number;
  complexity?: string;
  author?: string | undefined;
}

/** A module at status research, from the seed's five-day template: the research template and the outline skeleton. */
export function scaffoldModule(options: NewModuleOptions): string {
  const author = options.author ? `[${options.author}]` : '[]';
  return `---
slug: ${options.slug}
title: ${JSON.stringify(options.title)}
tagline: ${JSON.stringify(`${options.title}, one line on what it saves you from`)}
version: 0.1.0
difficulty: intermediate
duration: 150
status: research
prerequisites: []
related: []
authors: ${author}
outcomes: []
# Day 1, research: sources are ids of modules/library.yaml entries.
research:
  sources:
    academic: []   # the original source or paper
    industry: []   # documentation and write-ups of production use
    code: []       # reference implementations
  analysis:
    problem_solved: []
    key_mechanics: []
    performance_metrics: []   # - { metric: ..., value: ..., source: library-id }
  production_implementations: []   # 3+ reviewed
  failure_cases: []                # 2+ analysed
review:
  rubric: []
  signoffs: []
---

<!-- Day 2, the outline: five timed focus blocks and an integration challenge that add up to the duration.
     Days 3-4 fill each block with :::hook, :::concept, :::code, :::analogy, :::practice, :::solution, :::reflection;
     day 5 adds the :::::exam. See docs/format.md. -->

::::block{#problem minutes=25}
## The Problem
::::

::::block{#mechanics minutes=30}
## Core Mechanics
::::

::::block{#production minutes=25}
## Production Implementation
::::

::::block{#combinations minutes=25}
## Advanced Patterns
::::

::::block{#tuning minutes=25}
## Real-World Tuning
::::

::::challenge{minutes=20}
## Integration Challenge
::::
`;
}

/**
 * Adds a pattern to catalog.yaml in place: the parsed document tells where
 * the `patterns` list ends and how it is indented, the new entry alone is
 * printed (flow lists as the catalog writes them) and inserted there, so not
 * one existing line changes.
 */
export function withCatalogEntry(catalogText: string, options: NewModuleOptions): string {
  const document = parseDocument(catalogText);
  const patterns = document.get('patterns', true);
  if (!isSeq(patterns)) throw new UsageError('catalog.yaml has no `patterns` list');
  const entry = new Document([
    {
      slug: options.slug,
      title: options.title,
      category: options.category,
      priority: options.priority ?? 2,
      complexity: options.complexity ?? 'medium',
      depends_on: [],
      real_examples: [],
    },
  ]);
  const item = (entry.contents as YAMLSeq).items[0];
  if (isMap(item)) {
    for (const key of ['depends_on', 'real_examples']) {
      const list = item.get(key, true);
      if (isSeq(list)) list.flow = true;
    }
  }
  const items = patterns.items.filter((node): node is Node => isNode(node));
  const last = items.at(-1);
  if (!last?.range || patterns.flow) {
    // An empty or flow-style list has no layout to follow: the document printer's is the only one.
    patterns.items.push(document.createNode(entry.toJS()[0]));
    return document.toString();
  }
  const lineStart = (offset: number) => catalogText.lastIndexOf('\n', offset - 1) + 1;
  const firstItem = items[0]!.range!;
  const indent = ' '.repeat(Math.max(0, firstItem[0] - lineStart(firstItem[0]) - 2));
  // Entries separated by a blank line get one too.
  const spaced = items.length > 1 && /\n[ \t]*\n/.test(catalogText.slice(items.at(-2)!.range![1], lineStart(last.range[0])));
  const lineEnd = catalogText.indexOf('\n', last.range[1] - 1);
  const at = lineEnd < 0 ? catalogText.length : lineEnd + 1;
  const printed = entry.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().split('\n').map((line) => `${indent}${line}`).join('\n');
  const before = catalogText.slice(0, at);
  return `${before}${before.endsWith('\n') ? '' : '\n'}${spaced ? '\n' : ''}${printed}\n${catalogText.slice(at)}`;
}

/** The schema's rule for a slug (module.schema.json `$defs.slug`): the one definition `press check` applies too. */
function slugRule(): { pattern: RegExp; maxLength: number } {
  const slug = (loadSchema('module.schema.json').$defs as Record<string, { pattern: string; maxLength: number }>).slug!;
  return { pattern: new RegExp(slug.pattern), maxLength: slug.maxLength };
}

/**
 * Why `slug` cannot name a new module, or undefined when it can. Checked
 * before anything touches the disk: a slug becomes a folder name, and one
 * longer than the file system allows would fail there with ENAMETOOLONG.
 */
export function slugProblem(slug: string): string | undefined {
  const { pattern, maxLength } = slugRule();
  const shown = slug.length > 40 ? `${slug.slice(0, 40)}…` : slug;
  if (slug.length > maxLength) return `\`${shown}\` is not a valid slug: at most ${maxLength} characters (it has ${slug.length})`;
  if (!pattern.test(slug)) return `\`${shown}\` is not a valid slug: lowercase letters and digits in words joined by -, e.g. \`rate-limiting\``;
  return undefined;
}

/** `press new <slug>`: scaffolds modules/<slug>/module.md at status research and adds it to the catalog. */
export async function createModule(root: string, options: NewModuleOptions): Promise<string> {
  const problem = slugProblem(options.slug);
  if (problem) throw new UsageError(problem);
  const folder = path.join(root, options.slug);
  if (await stat(folder).then(() => true, () => false)) throw new UsageError(`${path.relative(process.cwd(), folder)} already exists`);
  const catalogPath = path.join(root, catalogFileName);
  const catalogText = await readFile(catalogPath, 'utf8');
  const author = options.author ?? (await leastBusyAuthor(root, catalogText));
  const updated = withCatalogEntry(catalogText, options);
  await mkdir(folder);
  const file = path.join(folder, moduleFileName);
  await writeFile(file, scaffoldModule({ ...options, author }));
  await writeFile(catalogPath, updated);
  return file;
}

/**
 * The team's author with the fewest modules not yet published (ties in team
 * order): a new module goes to whoever has the most room, not always the first.
 */
async function leastBusyAuthor(root: string, catalogText: string): Promise<string | undefined> {
  const catalog = parseDocument(catalogText).toJS() as { timeline?: { team?: { id: string; roles: string[] }[] } };
  const authors = (catalog.timeline?.team ?? []).filter((member) => member.roles.includes('author')).map((member) => member.id);
  if (authors.length <= 1) return authors[0];
  const collection = await loadCollection(root);
  const open = collection.modules.flatMap((module) => (module.document && module.document.status !== 'published' ? module.document.authors : []));
  const load = (id: string) => open.filter((author) => author === id).length;
  return authors.reduce((best, id) => (load(id) < load(best) ? id : best));
}

export interface PromoteOutcome {
  from: PatternModule['status'];
  to?: PatternModule['status'];
  blockers: { rule: string; findings: string[] }[];
}

/** `press promote <slug>`: the next status, only when every rule due there passes (code is run to know). */
export async function promoteModule(root: string, slug: string, cacheDir: string): Promise<PromoteOutcome> {
  // The one check pipeline, with the code run: promotion needs to know the examples work.
  const checked = await checkCollectionAt(root, { cacheDir, run: true });
  const { collection } = checked;
  const parsed = collection.modules.find((module) => module.document?.slug === slug);
  if (!parsed?.document) throw new UsageError(`no module \`${slug}\` in ${root}`);
  const from = parsed.document.status;
  const next = statusOrder[statusOrder.indexOf(from) + 1];
  if (!next) return { from, blockers: [{ rule: 'published', findings: ['the module is already published'] }] };
  const quality = checked.quality.find((q) => q.slug === slug)!;
  const errors = parsed.file.messages.filter((message) => message.fatal === true && !quality.rules.some((rule) => rule.id === message.ruleId));
  const blockers = [
    ...errors.map((message) => ({ rule: message.ruleId ?? 'error', findings: [`${message.line}:${message.column} ${message.reason}`] })),
    ...blockersFor(quality, next).map((result) => ({
      rule: result.id,
      findings: result.state === 'not-run' ? ['not checked (needs Chromium or code execution)'] : result.findings.map((finding) => finding.reason),
    })),
  ];
  if (blockers.length > 0) return { from, blockers };
  const text = await readFile(parsed.file.path, 'utf8');
  const place = parsed.pointers.get('/status')?.value;
  if (!place) throw new Error('status has no source place');
  const lines = text.split('\n');
  const line = lines[place.line - 1]!;
  lines[place.line - 1] = line.slice(0, place.column - 1) + line.slice(place.column - 1).replace(from, next);
  await writeFile(parsed.file.path, lines.join('\n'));
  return { from, to: next, blockers: [] };
}
