import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { isBuilt, loadModuleAssets, type Publication } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { emitApi, type EmitApiResult } from './emit.js';
import { learnerModule, type Audience } from '@pattern-press/format';
import { apiValidator, realPublication } from './fixtures.test-helpers.js';
import { apiSchemaIds } from './schemas.js';
import { artifactsUnder } from './artifacts.test-helpers.js';

let work: string;
let publication: Publication;
let first: EmitApiResult;
let outDir: string;
let instructor: EmitApiResult;
let instructorDir: string;
const validate = apiValidator();

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
}

async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** The schema every emitted file must satisfy, by its path under v1/. */
function schemaOf(relative: string, audience: Audience = 'learner'): string {
  if (relative === 'index.json') return apiSchemaIds.index;
  if (relative === 'categories.json') return apiSchemaIds.categories;
  if (relative === 'graph.json') return apiSchemaIds.graph;
  if (relative === 'glossary.json') return apiSchemaIds.glossary;
  if (relative === 'schedule.json') return apiSchemaIds.schedule;
  if (relative === 'search-index.json') return apiSchemaIds.searchIndex;
  if (relative === 'downloads.json') return apiSchemaIds.downloads;
  if (relative === 'openapi.json') return apiSchemaIds.openapi;
  if (/^modules\/[^/]+\/exam\.json$/.test(relative)) return apiSchemaIds.exam;
  if (/^modules\/[^/]+\/answers\.json$/.test(relative)) return apiSchemaIds.answers;
  if (/^modules\/[^/]+\.json$/.test(relative)) return audience === 'instructor' ? apiSchemaIds.instructorModule : apiSchemaIds.module;
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
    'slides/circuit-breaker.pdf': '%PDF-1.7 deck',
    // The deck's own files: parts of the deck, not downloads.
    'slides/circuit-breaker/deck.css': '.reveal {}',
    'slides/circuit-breaker/reveal/reveal.js': '/* reveal */',
    'slides/circuit-breaker/reveal/reveal.css': '.reveal {}',
    'slides/circuit-breaker/reveal/LICENSE': 'MIT',
    'slides/circuit-breaker/reveal/plugin/notes.js': '/* notes */',
    'slides/circuit-breaker/diagrams/d-0123456789ab.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'pdf/handbook.epub': 'PK epub',
    'pdf/handbook.docx': 'PK docx',
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
  first = await emitApi(publication, { outDir, cacheDir: path.join(work, 'cache'), artifacts: await artifactsUnder(path.join(work, 'dist'), publication) });
  instructorDir = path.join(work, 'instructor');
  instructor = await emitApi(publication, { outDir: instructorDir, cacheDir: path.join(work, 'cache'), artifacts: await artifactsUnder(path.join(work, 'dist'), publication), audience: 'instructor' });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('emitApi on the real collection', () => {
  it('writes the glossary: every term a module defines, sorted, with where it is taught and used', async () => {
    const glossary = (await readJson(path.join(outDir, 'v1', 'glossary.json'))) as {
      terms: { id: string; term: string; module: string; used_by: string[]; definition: string }[];
    };
    const defined = publication.modules.flatMap((module) => (module.glossary ?? []).map((entry) => entry.id));
    expect(glossary.terms.map((entry) => entry.id).sort()).toEqual([...defined].sort());
    const terms = glossary.terms.map((entry) => entry.term.toLowerCase());
    expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'en')));
    const breaker = glossary.terms.find((entry) => entry.id === 'circuit-breaker')!;
    expect(breaker.module).toBe('circuit-breaker');
    const users = publication.modules.filter((module) => module.terms?.includes('circuit-breaker')).map((module) => module.slug);
    expect(users.length).toBeGreaterThan(0);
    expect(breaker.used_by).toEqual(users);
  });


  it('writes the index, every built module with its exam, and the collection resources; answers only for instructors', async () => {
    const written = (await walk(outDir)).map((file) => path.relative(path.join(outDir, 'v1'), file));
    const built = publication.modules.filter(isBuilt);
    expect(built.map((module) => module.slug)).toContain('circuit-breaker');
    const expected = [
      'index.json',
      'categories.json',
      'graph.json',
      'glossary.json',
      'search-index.json',
      'downloads.json',
      'openapi.json',
      ...built.flatMap((module) => [`modules/${module.slug}.json`, ...(module.exam ? [`modules/${module.slug}/exam.json`] : [])]),
    ].sort();
    expect(written.sort()).toEqual(expected);
    const answers = built.filter((module) => module.exam).map((module) => `modules/${module.slug}/answers.json`);
    expect(answers).toContain('modules/circuit-breaker/answers.json');
    const writtenForInstructors = (await walk(instructorDir)).map((file) => path.relative(path.join(instructorDir, 'v1'), file));
    expect(writtenForInstructors.sort()).toEqual([...expected, ...answers].sort());
    expect(instructor.files).toEqual((await walk(instructorDir)).sort());
    expect(first.files).toEqual((await walk(outDir)).sort());
    expect(first.problems).toEqual([]);
    expect(written).not.toContain('schedule.json');
  });

  it('writes only files that validate against their schema in schemas/api/, in both audiences', async () => {
    for (const [audience, result, dir] of [['learner', first, outDir], ['instructor', instructor, instructorDir]] as const) {
      for (const file of result.files) {
        const relative = path.relative(path.join(dir, 'v1'), file);
        expect({ audience, file: relative, errors: validate(schemaOf(relative, audience), await readJson(file)) }).toEqual({ audience, file: relative, errors: [] });
      }
    }
  });

  it('gives byte-identical output for the same input', async () => {
    const again = path.join(work, 'again');
    const second = await emitApi(publication, { outDir: again, cacheDir: path.join(work, 'cache'), artifacts: await artifactsUnder(path.join(work, 'dist'), publication) });
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
    expect(index.audience).toBe('learner');
    const breaker = index.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(breaker.links).toEqual({ module: '/api/v1/modules/circuit-breaker.json', exam: '/api/v1/modules/circuit-breaker/exam.json' });
    const forInstructors = await readJson(path.join(instructorDir, 'v1/index.json'));
    expect(forInstructors.audience).toBe('instructor');
    const instructorBreaker = forInstructors.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(instructorBreaker.links).toEqual({ ...breaker.links, answers: '/api/v1/modules/circuit-breaker/answers.json' });
    // Every link of every document of either build names a file of that build (openapi.json's examples show errors too).
    for (const dir of [outDir, instructorDir]) {
      for (const file of await walk(dir)) {
        if (!file.endsWith('.json') || file.endsWith('openapi.json')) continue;
        const hrefs = [...(await readFile(file, 'utf8')).matchAll(/\/api\/v1\/[\w./-]+?\.json(?![\w.])/g)].map((match) => match[0]);
        for (const href of hrefs.filter((candidate) => !candidate.includes('{'))) {
          await expect(readFile(path.join(dir, href.replace('/api/', ''))), `${href} in ${path.relative(dir, file)}`).resolves.toBeDefined();
        }
      }
    }
  });

  it('serves the learner view of the module (the full canonical one to instructors) with sanitized HTML for every block, review copy stated', async () => {
    const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
    const detail = await readJson(path.join(outDir, 'v1/modules/circuit-breaker.json'));
    expect(detail.module).toEqual(JSON.parse(JSON.stringify(learnerModule(breaker))));
    expect(detail.module.exam).toBeUndefined();
    expect(detail.module.blocks.flatMap((block: { code: object[] }) => block.code).every((code: object) => !('tests' in code) && !('driver' in code))).toBe(true);
    expect(detail.links).toEqual({ self: '/api/v1/modules/circuit-breaker.json', index: '/api/v1/index.json', exam: '/api/v1/modules/circuit-breaker/exam.json' });
    const full = await readJson(path.join(instructorDir, 'v1/modules/circuit-breaker.json'));
    expect(full.module).toEqual(JSON.parse(JSON.stringify(breaker)));
    expect(full.links.answers).toBe('/api/v1/modules/circuit-breaker/answers.json');
    expect(full.html).toEqual(detail.html);
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

  it('renders citations in the HTML as the other outputs do ("(Nygard 2018)"), keeping them as written in the Markdown', async () => {
    const breaker = await readJson(path.join(outDir, 'v1/modules/circuit-breaker.json'));
    const html = JSON.stringify(breaker.html);
    expect(html).toContain('(Nygard 2018)');
    expect(html).not.toMatch(/\[@[\w-]+/);
    expect(JSON.stringify(breaker.module)).toContain('[@nygard-release-it]');
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
        expect(shown.interaction.items.map((item: { id: string }) => item.id)).not.toEqual(question.answer.correct);
      }
      if (question.type === 'matching') {
        const answer = question.answer;
        const matchingOrder = answer.sources.map((source) => answer.correct.find((pair) => pair.source === source.id)!.target);
        expect(shown.interaction.targets.map((target: { id: string }) => target.id)).not.toEqual(matchingOrder);
        expect([...shown.interaction.targets].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(
          [...answer.targets].sort((a, b) => a.id.localeCompare(b.id)),
        );
      }
    }
    expect(exam.links).toEqual({ self: '/api/v1/modules/circuit-breaker/exam.json', module: '/api/v1/modules/circuit-breaker.json' });
    expect((await readJson(path.join(instructorDir, 'v1/modules/circuit-breaker/exam.json'))).links.answers).toBe('/api/v1/modules/circuit-breaker/answers.json');
    const answers = await readJson(path.join(instructorDir, 'v1/modules/circuit-breaker/answers.json'));
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

  it('lists every download per module with its format, media type, real size and sha256, and nothing that is part of a deck', async () => {
    const downloads = await readJson(path.join(outDir, 'v1/downloads.json'));
    expect(downloads.modules.map((entry: { slug: string }) => entry.slug)).toEqual(publication.modules.map((module) => module.slug));
    const breaker = downloads.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker');
    expect(breaker.artifacts.map((artifact: { path: string; format: string }) => [artifact.path, artifact.format])).toEqual([
      ['/pdf/circuit-breaker.pdf', 'pdf'],
      ['/scorm/circuit-breaker-scorm12.zip', 'scorm-1.2'],
      ['/scorm/circuit-breaker-scorm2004.zip', 'scorm-2004'],
      ['/slides/circuit-breaker.pdf', 'slides-pdf'],
      ['/slides/circuit-breaker.pptx', 'slides-pptx'],
      ['/slides/circuit-breaker/index.html', 'slides-html'],
    ]);
    const mediaTypes = Object.fromEntries([...breaker.artifacts, ...downloads.collection].map((artifact: { path: string; media_type: string }) => [artifact.path, artifact.media_type]));
    expect(mediaTypes).toMatchObject({
      '/pdf/circuit-breaker.pdf': 'application/pdf',
      '/scorm/circuit-breaker-scorm12.zip': 'application/zip',
      '/slides/circuit-breaker.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      '/slides/circuit-breaker/index.html': 'text/html',
      '/pdf/handbook.epub': 'application/epub+zip',
      '/pdf/handbook.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect(JSON.stringify(downloads)).not.toMatch(/reveal|LICENSE|deck\.css|diagrams\/|octet-stream/);
    for (const artifact of [...breaker.artifacts, ...downloads.collection]) {
      const bytes = await readFile(path.join(work, 'dist', artifact.path));
      expect(artifact.bytes).toBe(bytes.length);
      expect(artifact.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(downloads.collection.map((artifact: { path: string; format: string }) => [artifact.path, artifact.format])).toEqual([
      ['/pdf/handbook.docx', 'docx'],
      ['/pdf/handbook.epub', 'epub'],
      ['/pdf/handbook.pdf', 'pdf'],
    ]);
    expect(JSON.stringify(downloads)).not.toContain('staging');
    const others = downloads.modules.filter((entry: { slug: string }) => entry.slug !== 'circuit-breaker');
    expect(others.every((entry: { artifacts: unknown[] }) => entry.artifacts.length === 0)).toBe(true);
    const index = await readJson(path.join(outDir, 'v1/index.json'));
    expect(index.modules.find((entry: { slug: string }) => entry.slug === 'circuit-breaker').downloads).toHaveLength(6);
  });

  it('documents exactly the API files of each build in an OpenAPI 3.1 document that passes @readme/openapi-parser', async () => {
    const built = publication.modules.filter(isBuilt);
    for (const [audience, result, dir] of [['learner', first, outDir], ['instructor', instructor, instructorDir]] as const) {
      const document = await readJson(path.join(dir, 'v1/openapi.json'));
      expect(await validateOpenApi(structuredClone(document))).toMatchObject({ valid: true });
      expect(document.openapi).toBe('3.1.0');
      const schemas = Object.keys(document.components.schemas);
      for (const name of ['PatternModule.slug', 'ApiIndex', 'ApiExam', 'ApiDownloads', 'ApiError']) expect(schemas).toContain(name);
      // Each build documents the schemas it uses: learners never see the shape of the answers.
      if (audience === 'learner') {
        expect(schemas).toContain('ApiModule');
        expect(schemas).toContain('ApiLearnerModule');
        expect(schemas.filter((name) => /^(ApiAnswers|ApiInstructorModule|PatternModule)$/.test(name))).toEqual([]);
      } else {
        for (const name of ['ApiAnswers', 'ApiInstructorModule', 'PatternModule']) expect(schemas).toContain(name);
      }
      expect(JSON.stringify(document)).not.toContain('https://pattern-press.dev/schemas');
      const expand = (template: string) => {
        if (!template.includes('{slug}')) return [template];
        const slugs = template.endsWith('/exam.json') || template.endsWith('/answers.json') ? built.filter((module) => module.exam).map((module) => module.slug) : built.map((module) => module.slug);
        return slugs.map((slug) => template.replace('{slug}', slug));
      };
      const documented = Object.keys(document.paths).filter((template) => template.startsWith('/api/v1/') && template.endsWith('.json')).flatMap(expand);
      const written = result.files.map((file) => `/api/v1/${path.relative(path.join(dir, 'v1'), file)}`).filter((href) => !href.startsWith('/api/v1/assets/'));
      expect({ audience, documented: documented.sort() }).toEqual({ audience, documented: written.sort() });
    }
  });
});

describe('emitApi audiences: learners get no answers', () => {
  /** Every string of a JSON value, and for HTML its text (tags dropped, entities decoded). */
  function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string') {
      out.push(value);
      if (value.includes('<')) out.push(value.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&'));
    } else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => strings(item, out));
    return out;
  }

  /** Lines only the exam answers and the hidden code hold: long enough to be distinctive, absent from what learners may read. */
  function secretsOf(module: PatternModule): string[] {
    const visible = JSON.stringify(learnerModule(module));
    const hidden = [
      ...(module.exam?.questions ?? []).flatMap((question) => [question.model_answer.markdown, ...question.insights, ...question.implications, JSON.stringify(question.answer)]),
      ...module.blocks.flatMap((block) => block.code.flatMap((example) => [...example.tests.map((test) => test.source), example.driver?.source ?? ''])),
    ];
    const lines = hidden.flatMap((text) => text.split('\n')).map((line) => line.trim().replace(/^[-*\d.]+\s+|\*\*/g, ''));
    return [...new Set(lines)].filter((line) => line.length >= 25 && !visible.includes(JSON.stringify(line).slice(1, -1)));
  }

  it('keeps answers, model answers, insights, implications, hidden tests and drivers out of every file of the learner build', async () => {
    const breaker = publication.modules.find((module) => module.slug === 'circuit-breaker')!;
    const secrets = secretsOf(breaker);
    // Known strings of the fixture: an insight, an implication, a model answer line, a hidden test, the exam driver.
    const known = [
      'HALF_OPEN is unforgiving: a single failure reopens the breaker.',
      'Alert on repeated HALF_OPEN failures.',
      'OPEN. Any failure in HALF_OPEN reopens the breaker, the success count',
      'const a = compositeAvailability(0.9999, 30);',
      '# Replays an exam scenario (JSON on stdin: config, actions) against this',
    ];
    for (const line of known) expect(secrets).toContain(line);
    expect(secrets.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    for (const file of await walk(outDir)) {
      const text = await readFile(file, 'utf8');
      const haystack = file.endsWith('.json') ? strings(JSON.parse(text)).join('\n') : text;
      for (const line of secrets) if (haystack.includes(line)) leaks.push(`${path.relative(outDir, file)}: ${line}`);
      // openapi.json is made of schemas, whose property names (an optional answers link) are not data.
      if (file.endsWith('.json') && !file.endsWith('openapi.json')) {
        const keys = keysDeep(JSON.parse(text));
        for (const key of ['correct', 'model_answer', 'insights', 'implications', 'tests', 'driver', 'answers', 'verify']) {
          if (keys.has(key)) leaks.push(`${path.relative(outDir, file)}: key ${key}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The instructor build has them.
    const instructorText = (await Promise.all((await walk(instructorDir)).map((file) => readFile(file, 'utf8').then((text) => strings(JSON.parse(text)).join('\n'))))).join('\n');
    for (const line of known) expect(instructorText).toContain(line);
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
    expect(Object.keys(openapi.paths)).toContain('/api/v1/schedule.json');
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
    // The emitter publishes only what the loader read from the module folder; ../../secret.png it refuses.
    const links = [
      { href: 'img/states.png', text: 'states', kind: 'asset' as const, image: true },
      { href: '../../secret.png', text: 'escape', kind: 'asset' as const, image: true },
    ];
    const assets = await loadModuleAssets(path.join(root, breaker.slug), { links }, new VFile({ path: path.join(root, breaker.slug, 'module.md') }));
    const hostile: Publication = { ...publication, root, modules: [breaker], assets: new Map([[breaker.slug, assets]]) };
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
