import { blockersFor, checkCollection, checkQuality, statusOrder, validateDiagrams } from '@pattern-press/checks';
import { catalogFileName, loadCollection, moduleFileName, type Collection } from '@pattern-press/format';
import { loadSchema, type PatternModule } from '@pattern-press/schema';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { runCodeOrRefuse, UsageError } from './targets.js';

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

/** Adds a pattern to catalog.yaml, keeping its comments and layout. */
export function withCatalogEntry(catalogText: string, options: NewModuleOptions): string {
  const document = parseDocument(catalogText);
  const patterns = document.get('patterns', true);
  if (!isSeq(patterns)) throw new UsageError('catalog.yaml has no `patterns` list');
  const entry = document.createNode({
    slug: options.slug,
    title: options.title,
    category: options.category,
    priority: options.priority ?? 2,
    complexity: options.complexity ?? 'medium',
    depends_on: [],
    real_examples: [],
  });
  if (isMap(entry)) {
    for (const key of ['depends_on', 'real_examples']) {
      const list = entry.get(key, true);
      if (isSeq(list)) list.flow = true;
    }
  }
  patterns.items.push(entry);
  return document.toString();
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
  const team = parseDocument(catalogText).toJS() as { timeline?: { team?: { id: string; roles: string[] }[] } };
  const author = options.author ?? team.timeline?.team?.find((member) => member.roles.includes('author'))?.id;
  const updated = withCatalogEntry(catalogText, options);
  await mkdir(folder);
  const file = path.join(folder, moduleFileName);
  await writeFile(file, scaffoldModule({ ...options, author }));
  await writeFile(catalogPath, updated);
  return file;
}

export interface PromoteOutcome {
  from: PatternModule['status'];
  to?: PatternModule['status'];
  blockers: { rule: string; findings: string[] }[];
}

/** `press promote <slug>`: the next status, only when every rule due there passes (code is run to know). */
export async function promoteModule(root: string, slug: string, cacheDir: string): Promise<PromoteOutcome> {
  const collection: Collection = await loadCollection(root);
  checkCollection(collection);
  const parsed = collection.modules.find((module) => module.document?.slug === slug);
  if (!parsed?.document) throw new UsageError(`no module \`${slug}\` in ${root}`);
  const from = parsed.document.status;
  const next = statusOrder[statusOrder.indexOf(from) + 1];
  if (!next) return { from, blockers: [{ rule: 'published', findings: ['the module is already published'] }] };
  const quality = checkQuality(collection, {
    diagramErrors: await validateDiagrams(collection, { cacheDir }),
    runFindings: await runCodeOrRefuse(collection),
  }).find((q) => q.slug === slug)!;
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
