import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { isBuilt, type Publication } from '@pattern-press/format';
import type { AnswerMatching, AnswerOrdering, PatternModule } from '@pattern-press/schema';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi, type EmitApiResult } from './emit.js';
import { apiValidator, realPublication } from './fixtures.test-helpers.js';
import { apiSchemaIds } from './schemas.js';

let work: string;
let publication: Publication;
let first: EmitApiResult;
let outDir: string;
const validate = apiValidator();

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** The schema every emitted file must satisfy, by its path under v1/. */
function schemaOf(relative: string): string {
  if (relative === 'index.json') return apiSchemaIds.index;
  if (relative === 'categories.json') return apiSchemaIds.categories;
  if (relative === 'graph.json') return apiSchemaIds.graph;
  if (relative === 'schedule.json') return apiSchemaIds.schedule;
  if (relative === 'search-index.json') return apiSchemaIds.searchIndex;
  if (relative === 'downloads.json') return apiSchemaIds.downloads;
  if (relative === 'openapi.json') return apiSchemaIds.openapi;
  if (/^modules\/[^/]+\/exam\.json$/.test(relative)) return apiSchemaIds.exam;
  if (/^modules\/[^/]+\/answers\.json$/.test(relative)) return apiSchemaIds.answers;
  if (/^modules\/[^/]+\.json$/.test(relative)) return apiSchemaIds.module;
  throw new Error(`unexpected file ${relative}`);
}

function keysDeep(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysDeep(item, keys));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      keys.add(key);
      keysDeep(child, keys);
    }
  }
  return keys;
}

async function writeArtifacts(dist: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    'pdf/circuit-breaker.pdf': '%PDF-1.7 circuit breaker',
    'pdf/handbook.pdf': '%PDF-1.7 handbook',
    'scorm/circuit-breaker-scorm12.zip': 'PK scorm 1.2',
    'scorm/circuit-breaker-scorm2004.zip': 'PK scorm 2004',
    'slides/circuit-breaker/index.html': '<!doctype html><title>deck</title>',
    'slides/circuit-breaker.pptx': 'PK pptx',
    'slides/.slides.staging-1/partial.html': 'half written',
  };
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dist, relative)), { recursive: true });
    await writeFile(path.join(dist, relative), content);
  }
  return files;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-emit-'));
  publication = await realPublication();
  outDir = path.join(work, 'out');
  await writeArtifacts(path.join(work, 'dist'));
  first = await emitApi(publication, { outDir, cacheDir: path.join(work, 'cache'), artifactsRoot: path.join(work, 'dist') });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('emitApi on the real collection', () => {
  it('writes the index, every built module with its exam and answers, and the collection resources', async () => {
    const written = (await walk(outDir)).map((file) => path.relative(path.join(outDir, 'v1'), file));
    const built = publication.modules.filter(isBuilt);
    expect(built.map((module) => module.slug)).toContain('circuit-breaker');
    const expected = [
      'index.json',
      'categories.json',
      'graph.json',
      'search-index.json',
      'downloads.json',
      'openapi.json',
      ...built.flatMap((module) => [`modules/${module.slug}.json`, ...(module.exam ? [`modules/${module.slug}/exam.json`, `modules/${module.slug}/answers.json`] : [])]),
    ].sort();
    expect(written.sort()).toEqual(expected);
    expect(first.files).toEqual((await walk(outDir)).sort());
    expect(first.problems).toEqual([]);
    expect(written).not.toContain('schedule.json');
  });

  it('writes only files that validate against their schema in schemas/api/', async () => {
    for (const file of first.files) {
      const relative = path.relative(path.join(outDir, 'v1'), file);
      expect({ file: relative, errors: validate(schemaOf(relative), await readJson(file)) }).toEqual({ file: relative, errors: [] });
    }
  });

  it('gives byte-identical output for the same input', async () => {
    const again = path.join(work, 'again');
    const second = await emitApi(publication, { outDir: again, cacheDir: path.join(work, 'cache'), artifactsRoot: path.join(work, 'dist') });
    expect(second.files.map((file) => path.relative(again, file))).toEqual(first.files.map((file) => path.relative(outDir, file)));
    for (const file of first.files) {
      expect(await readFile(path.join(again, path.relative(outDir, file)))).toEqual(await readFile(file));
    }
  });

  it('lists every module of the catalog in the index, research included, with links only to what exists', async () => {
    const index = await readJson(path.join(outDir, 'v1/index.json'));
    expect(index.modules.map((entry: { slug: string }) => entry.slug)).toEqual(publication.catalog.patterns.map((pattern) => pattern.slug));
    const statuses = new Set(index.modules.map((entry: { status: string }) => entry.status));
    expect(statuses).toContain('research');
    expect(statuses).toContain('outline');
    for (const entry of index.modules) {
      const module = publication.modules.find((candidate) => candidate.slug === entry.slug)!;
      expect(entry.minutes).toBe(module.duration);
      expect(entry.built).toBe(isBuilt(module));
      expect(entry.review_copy).toBe(module.status !== 'published');
      if (!isBuilt(module)) expect(entry.links).toEqual({});
    }
    const breaker = index.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(breaker.links).toEqual({
      module: '/api/v1/modules/circuit-breaker.json',
      exam: '/api/v1/modules/circuit-breaker/exam.json',
      answers: '/api/v1/modules/circuit-breaker/answers.json',
    });
    for (const href of Object.values(breaker.links) as string[]) {
      await expect(readFile(path.join(outDir, href.replace('/api/', '')))).resolves.toBeDefined();
    }
  });

  it('serves the full canonical module with sanitized HTML for every block, review copy stated', async () => {
    const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
    const detail = await readJson(path.join(outDir, 'v1/modules/circuit-breaker.json'));
    expect(detail.module).toEqual(JSON.parse(JSON.stringify(breaker)));
    expect(detail.review_copy).toBe(true);
    expect(detail.notice).toContain('Review copy (status: review)');
    expect(detail.html.blocks.map((block: { id: string }) => block.id)).toEqual(breaker.blocks.map((block) => block.id));
    const withDiagram = breaker.blocks.findIndex((block) => block.diagrams.length > 0);
    const html = JSON.stringify(detail.html);
    expect(html).not.toMatch(/<script/i);
    // Without a browser the diagrams stay readable code.
    expect(JSON.stringify(detail.html.blocks[withDiagram])).toContain('language-mermaid');
    expect(detail.html.blocks[0].code[0].html).toContain('hljs');
    // Links to other modules point at API resources, never at module.md.
    expect(html).not.toContain('module.md');
    expect(html).toContain('href=\\"/api/v1/index.json\\"');
  });

  it('keeps answers out of the exam and puts them in answers.json', async () => {
    const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')! as PatternModule & { exam: NonNullable<PatternModule['exam']> };
    const examText = await readFile(path.join(outDir, 'v1/modules/circuit-breaker/exam.json'), 'utf8');
    const exam = JSON.parse(examText);
    const keys = keysDeep(exam);
    for (const leaked of ['correct', 'model_answer', 'insights', 'implications', 'state', 'tolerance', 'verify']) expect(keys.has(leaked)).toBe(false);
    for (const question of breaker.exam.questions) {
      expect(examText).not.toContain(JSON.stringify(question.model_answer.markdown));
      const shown = exam.questions.find((candidate: { id: string }) => candidate.id === question.id);
      if (question.type === 'ordering') {
        expect(shown.interaction.items.map((item: { id: string }) => item.id)).not.toEqual((question.answer as AnswerOrdering).correct);
      }
      if (question.type === 'matching') {
        const answer = question.answer as AnswerMatching;
        const matchingOrder = answer.sources.map((source) => answer.correct.find((pair) => pair.source === source.id)!.target);
        expect(shown.interaction.targets.map((target: { id: string }) => target.id)).not.toEqual(matchingOrder);
        expect([...shown.interaction.targets].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(
          [...answer.targets].sort((a, b) => a.id.localeCompare(b.id)),
        );
      }
    }
    const answers = await readJson(path.join(outDir, 'v1/modules/circuit-breaker/answers.json'));
    expect(answers.questions.map((question: { answer: unknown }) => question.answer)).toEqual(breaker.exam.questions.map((question) => question.answer));
    expect(answers.questions[0].model_answer.html).toMatch(/^<p>|<strong>/);
  });

  it('orders the graph so every module comes after the modules it depends on', async () => {
    const graph = await readJson(path.join(outDir, 'v1/graph.json'));
    expect(graph.order).toHaveLength(publication.modules.length);
    for (const module of publication.modules) {
      for (const dependency of module.depends_on) {
        expect(graph.order.indexOf(dependency)).toBeLessThan(graph.order.indexOf(module.slug));
        expect(graph.edges).toContainEqual({ from: module.slug, to: dependency, kind: 'depends_on' });
      }
    }
    const categories = await readJson(path.join(outDir, 'v1/categories.json'));
    const listed = categories.categories.flatMap((category: { modules: string[] }) => category.modules).sort();
    expect(listed).toEqual(publication.modules.map((module) => module.slug).sort());
  });

  it('ships a search index a browser loads with MiniSearch.loadJS', async () => {
    const search = await readJson(path.join(outDir, 'v1/search-index.json'));
    const index = MiniSearch.loadJS(search.index, search.options);
    expect(index.documentCount).toBe(search.documents);
    const cascade = index.search('cascading failures', search.options.searchOptions);
    expect(cascade[0]?.slug).toBe('circuit-breaker');
    const sharding = index.search('sharding', search.options.searchOptions);
    expect(sharding.map((hit) => hit.slug)).toContain('sharding');
    expect(cascade.some((hit) => hit.kind === 'block' && String(hit.href).startsWith('/api/v1/modules/circuit-breaker.json#'))).toBe(true);
  });

  it('lists every artifact per module with its real size and sha256, ignoring staging folders', async () => {
    const downloads = await readJson(path.join(outDir, 'v1/downloads.json'));
    expect(downloads.modules.map((entry: { slug: string }) => entry.slug)).toEqual(publication.modules.map((module) => module.slug));
    const breaker = downloads.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(breaker.artifacts.map((artifact: { path: string; format: string }) => [artifact.path, artifact.format])).toEqual([
      ['/pdf/circuit-breaker.pdf', 'pdf'],
      ['/scorm/circuit-breaker-scorm12.zip', 'scorm-1.2'],
      ['/scorm/circuit-breaker-scorm2004.zip', 'scorm-2004'],
      ['/slides/circuit-breaker.pptx', 'slides-pptx'],
      ['/slides/circuit-breaker/index.html', 'slides-html'],
    ]);
    for (const artifact of [...breaker.artifacts, ...downloads.collection]) {
      const bytes = await readFile(path.join(work, 'dist', artifact.path));
      expect(artifact.bytes).toBe(bytes.length);
      expect(artifact.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(downloads.collection.map((artifact: { path: string }) => artifact.path)).toEqual(['/pdf/handbook.pdf']);
    expect(JSON.stringify(downloads)).not.toContain('staging');
    const others = downloads.modules.filter((entry: { slug: string }) => entry.slug !== 'circuit-breaker');
    expect(others.every((entry: { artifacts: unknown[] }) => entry.artifacts.length === 0)).toBe(true);
    const index = await readJson(path.join(outDir, 'v1/index.json'));
    expect(index.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker').downloads).toHaveLength(5);
  });

  it('documents every emitted endpoint in an OpenAPI 3.1 document that passes @readme/openapi-parser', async () => {
    const document = await readJson(path.join(outDir, 'v1/openapi.json'));
    const result = await validateOpenApi(structuredClone(document));
    expect(result).toMatchObject({ valid: true });
    expect(document.openapi).toBe('3.1.0');
    for (const name of ['PatternModule', 'PatternModule.slug', 'PatternCatalog', 'ApiIndex', 'ApiModule', 'ApiExam', 'ApiAnswers', 'ApiDownloads', 'ApiError']) {
      expect(Object.keys(document.components.schemas)).toContain(name);
    }
    expect(JSON.stringify(document)).not.toContain('https://pattern-press.dev/schemas');
    const built = publication.modules.filter(isBuilt).map((module) => module.slug);
    const documented = Object.keys(document.paths).flatMap((template) => (template.includes('{slug}') ? built.map((slug) => template.replace('{slug}', slug)) : [template]));
    const written = first.files.map((file) => `/${path.relative(path.join(outDir, 'v1'), file)}`);
    expect(documented.sort()).toEqual(written.sort());
  });
});

describe('emitApi options and untrusted content', () => {
  it('writes the schedule as given and documents it only then; downloads lists are empty without artifacts', async () => {
    const schedule = { sprints: [{ number: 1, modules: ['circuit-breaker'] }], note: 'as given' };
    const out = path.join(work, 'with-schedule');
    const result = await emitApi(publication, { outDir: out, cacheDir: path.join(work, 'cache'), schedule });
    expect(await readJson(path.join(out, 'v1/schedule.json'))).toEqual(schedule);
    expect(validate(apiSchemaIds.schedule, schedule)).toEqual([]);
    const index = await readJson(path.join(out, 'v1/index.json'));
    expect(index.links.schedule).toBe('/api/v1/schedule.json');
    const openapi = await readJson(path.join(out, 'v1/openapi.json'));
    expect(Object.keys(openapi.paths)).toContain('/schedule.json');
    expect(await validateOpenApi(openapi)).toMatchObject({ valid: true });
    const downloads = await readJson(path.join(out, 'v1/downloads.json'));
    expect(downloads.collection).toEqual([]);
    expect(downloads.modules.every((entry: { artifacts: unknown[] }) => entry.artifacts.length === 0)).toBe(true);
    expect(result.files).toContain(path.join(out, 'v1/schedule.json'));
  });

  it('sanitizes raw HTML, copies assets into the API and reports a missing one', async () => {
    const root = path.join(work, 'hostile-modules');
    const breaker = structuredClone(publication.modules.find((module) => module.slug === 'circuit-breaker')!);
    await mkdir(path.join(root, breaker.slug, 'img'), { recursive: true });
    await writeFile(path.join(root, breaker.slug, 'img', 'states.png'), 'not really a png');
    await writeFile(path.join(work, 'secret.png'), 'outside the module');
    breaker.blocks[0]!.hook = {
      markdown: [
        'Hook <script>alert(1)</script> <img src="x" onerror="alert(2)">',
        '[click](javascript:alert(3))',
        '![states](img/states.png) ![gone](img/missing.png) ![escape](../../secret.png)',
      ].join('\n\n'),
      position: { line: 70, column: 1 },
    };
    breaker.links.push({ href: 'img/missing.png', text: 'gone', kind: 'asset', image: true, position: { line: 72, column: 20 } });
    const hostile: Publication = { ...publication, root, modules: [breaker] };
    const out = path.join(work, 'hostile');
    const result = await emitApi(hostile, { outDir: out, cacheDir: path.join(work, 'cache') });
    const detail = await readJson(path.join(out, 'v1/modules/circuit-breaker.json'));
    const hook: string = detail.html.blocks[0].hook;
    expect(hook).not.toMatch(/<script|onerror|javascript:/i);
    expect(hook).toContain('src="/api/v1/assets/circuit-breaker/img/states.png"');
    expect(await readFile(path.join(out, 'v1/assets/circuit-breaker/img/states.png'), 'utf8')).toBe('not really a png');
    expect(result.files).toContain(path.join(out, 'v1/assets/circuit-breaker/img/states.png'));
    expect((await walk(out)).some((file) => file.endsWith('secret.png'))).toBe(false);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems[0]!.messages;
    expect(result.problems[0]!.path).toBe(path.join(root, 'circuit-breaker', 'module.md'));
    expect(problem).toMatchObject({ ruleId: 'file-unreadable', fatal: false, line: 72, column: 20 });
    expect(problem!.reason).toContain('img/missing.png');
  });
});
