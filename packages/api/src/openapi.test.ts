import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { loadModuleAssets, type Publication } from '@pattern-press/format';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitApi } from './emit.js';
import { apiValidator, realPublication } from './fixtures.test-helpers.js';
import type { Audience } from '@pattern-press/format';
import { loadAllSchemas } from './schemas.js';
import { serve, type RunningServer } from './server.js';
import { artifactsUnder } from './artifacts.test-helpers.js';

type Json = any;

let work: string;
const builds = new Map<Audience, { dist: string; server: RunningServer; document: Json }>();
const validate = apiValidator();
const idOfTitle = new Map(loadAllSchemas().map((schema) => [schema.title, schema.$id]));

/** Every output folder press build writes, small but real in shape. */
const artifacts: Record<string, string> = {
  'pdf/circuit-breaker.pdf': '%PDF-1.7 '.repeat(200),
  'pdf/handbook.pdf': '%PDF-1.7 handbook',
  'pdf/handbook.epub': 'PK epub',
  'pdf/handbook.docx': 'PK docx',
  'scorm/circuit-breaker-scorm12.zip': 'PK scorm 1.2',
  'scorm/course-scorm2004.zip': 'PK scorm 2004',
  'slides/circuit-breaker.pdf': '%PDF-1.7 deck',
  'slides/circuit-breaker.pptx': 'PK pptx',
  'slides/circuit-breaker/index.html': '<!doctype html><title>deck</title>',
  'slides/circuit-breaker/deck.css': '.reveal {}',
  'slides/circuit-breaker/reveal/reveal.js': '/* reveal */',
  'slides/circuit-breaker/diagrams/d-0123456789ab.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'report/index.html': '<!doctype html><title>report</title>',
  'report/report.json': '{}',
  'schedule/timeline.html': '<!doctype html><title>timeline</title>',
  'schedule/timeline.ics': 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
  'schedule/timeline.mmd': 'gantt\n',
  'modules/circuit-breaker.json': '{"slug":"circuit-breaker"}',
  // Not an output folder: never served, so never documented.
  'stray/notes.txt': 'not an output',
};

/** The real collection, circuit-breaker built and showing one image of its folder (so the asset route has a file). */
async function publicationWithAsset(): Promise<Publication> {
  const publication = await realPublication();
  const root = path.join(work, 'modules');
  const breaker = structuredClone(publication.modules.find((module) => module.slug === 'circuit-breaker')!);
  await mkdir(path.join(root, breaker.slug, 'img'), { recursive: true });
  await writeFile(path.join(root, breaker.slug, 'img', 'states.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
  breaker.blocks[0]!.hook = { markdown: 'The states: ![states](img/states.svg)', position: { line: 70, column: 1 } };
  const link = { href: 'img/states.svg', text: 'states', kind: 'asset' as const, image: true, position: { line: 70, column: 13 } };
  breaker.links.push(link);
  const assets = await loadModuleAssets(path.join(root, breaker.slug), { links: [link] }, new VFile({ path: path.join(root, breaker.slug, 'module.md') }));
  return {
    ...publication,
    modules: publication.modules.map((module) => (module.slug === breaker.slug ? breaker : module)),
    assets: new Map([...publication.assets, [breaker.slug, assets]]),
  };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'press-api-openapi-'));
  const publication = await publicationWithAsset();
  for (const audience of ['learner', 'instructor'] as const) {
    const dist = path.join(work, `dist-${audience}`);
    for (const [relative, content] of Object.entries(artifacts)) {
      await mkdir(path.dirname(path.join(dist, relative)), { recursive: true });
      await writeFile(path.join(dist, relative), content);
    }
    await emitApi(publication, { outDir: path.join(dist, 'api'), cacheDir: path.join(work, 'cache'), artifacts: await artifactsUnder(dist, publication), schedule: { sprints: [] }, audience });
    const document = JSON.parse(await readFile(path.join(dist, 'api/v1/openapi.json'), 'utf8'));
    builds.set(audience, { dist, server: await serve({ root: dist, port: 0 }), document });
  }
});

afterAll(async () => {
  for (const build of builds.values()) await build.server.close();
  await rm(work, { recursive: true, force: true });
});

function get(port: number, requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: requestPath, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

/** What a local `#/components/...` reference points at. */
function resolveRef(document: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`not a local reference: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, segment) => node?.[segment], document);
}

/** Whether a property's schema says what it is: its own description, or that of the schema it refers to. */
function described(document: Json, schema: Json, parent: Json, name: string): boolean {
  if (schema === true) {
    // `true` defers to an allOf member of the same object (a shared header) that defines and describes it.
    return (parent.allOf ?? []).some((member: Json) => {
      const target = member.$ref ? resolveRef(document, member.$ref) : member;
      const property = target?.properties?.[name];
      return property !== undefined && property !== true && described(document, property, target, name);
    });
  }
  if (typeof schema !== 'object' || schema === null) return false;
  if (typeof schema.description === 'string' && schema.description.trim() !== '') return true;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(document, schema.$ref);
    return typeof target?.description === 'string' && target.description.trim() !== '';
  }
  return false;
}

/** Properties without a description, anywhere in the document's schemas (examples are data and skipped; if/then/else only refine properties defined beside them). */
function undescribedProperties(document: Json): string[] {
  const missing: string[] = [];
  const walk = (node: Json, where: string) => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${where}/${index}`));
    if (typeof node !== 'object' || node === null) return;
    if (typeof node.properties === 'object' && node.properties !== null && !Array.isArray(node.properties)) {
      for (const [name, schema] of Object.entries(node.properties)) {
        if (!described(document, schema, node, name)) missing.push(`${where}/properties/${name}`);
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (['example', 'examples', 'if', 'then', 'else', 'not'].includes(key)) continue;
      walk(child, `${where}/${key}`);
    }
  };
  walk(document.components.schemas, '#/components/schemas');
  walk(document.paths, '#/paths');
  return missing;
}

const methods = ['get', 'head', 'options', 'post', 'put', 'patch', 'delete'] as const;

/** Every response of every operation, resolved. */
function responsesOf(document: Json): { where: string; response: Json }[] {
  const found: { where: string; response: Json }[] = [];
  for (const [route, item] of Object.entries<Json>(document.paths)) {
    for (const method of methods) {
      for (const [status, response] of Object.entries<Json>(item[method]?.responses ?? {})) {
        found.push({ where: `${method.toUpperCase()} ${route} ${status}`, response: response.$ref ? resolveRef(document, response.$ref) : response });
      }
    }
  }
  return found;
}

function templateRegex(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part === '{slug}' ? '[a-z][a-z0-9-]*' : part === '{path}' ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** Every path dist/ could be asked for: each file, each folder with and without its final slash, the root and the API root. */
async function candidateUrls(dist: string): Promise<string[]> {
  const urls = new Set(['/', '/api/v1', '/api/v1/', '/api', '/api/']);
  for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
    const relative = path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).map(encodeURIComponent).join('/');
    if (entry.isDirectory()) {
      urls.add(`/${relative}`);
      urls.add(`/${relative}/`);
    } else urls.add(`/${relative}`);
  }
  return [...urls].sort();
}

describe('the OpenAPI document', () => {
  for (const audience of ['learner', 'instructor'] as const) {
    describe(`of the ${audience} build`, () => {
      it('is valid OpenAPI 3.1', async () => {
        expect(await validateOpenApi(structuredClone(builds.get(audience)!.document))).toMatchObject({ valid: true });
      });

      it('describes every property of every schema', () => {
        expect(undescribedProperties(builds.get(audience)!.document)).toEqual([]);
      });

      it('gives every response a description and an example (of the body, or of a header when there is no body), and its JSON examples validate', () => {
        const { document } = builds.get(audience)!;
        const problems: string[] = [];
        for (const { where, response } of responsesOf(document)) {
          if (!response.description) problems.push(`${where}: no description`);
          const content = Object.entries<Json>(response.content ?? {});
          if (content.length > 0) {
            for (const [type, media] of content) {
              const examples = media.example !== undefined ? [media.example] : Object.values<Json>(media.examples ?? {}).map((example) => example.value);
              if (examples.length === 0) problems.push(`${where} ${type}: no example`);
              const title = typeof media.schema?.$ref === 'string' ? media.schema.$ref.replace('#/components/schemas/', '') : undefined;
              const id = title === undefined ? undefined : idOfTitle.get(title);
              if (id !== undefined) for (const example of examples) for (const error of validate(id, example)) problems.push(`${where} ${type}: example ${error}`);
            }
          } else {
            const headers = Object.values<Json>(response.headers ?? {}).map((header) => (header.$ref ? resolveRef(document, header.$ref) : header));
            if (!headers.some((header) => header.example !== undefined)) problems.push(`${where}: no body and no header example`);
          }
        }
        expect(problems).toEqual([]);
        const parameters = Object.entries<Json>(document.paths).flatMap(([route, item]) =>
          (item.get?.parameters ?? []).map((parameter: Json) => [route, parameter.$ref ? resolveRef(document, parameter.$ref) : parameter] as const),
        );
        expect(parameters.filter(([, parameter]) => parameter.example === undefined || !parameter.description).map(([route, parameter]) => `${route} ${parameter.name}`)).toEqual([]);
      });

      it('documents every route the server answers, with the status it answers, and the server answers every documented route', async () => {
        const { dist, server, document } = builds.get(audience)!;
        const templates = Object.keys(document.paths).map((template) => ({ template, regex: templateRegex(template) }));
        const answered = new Set<string>();
        const undocumented: string[] = [];
        for (const url of await candidateUrls(dist)) {
          const status = await get(server.port, url);
          if (status === 404) continue;
          const matching = templates.filter(({ regex }) => regex.test(url));
          if (matching.length === 0) {
            undocumented.push(`${url} (${status})`);
            continue;
          }
          if (!matching.some(({ template }) => String(status) in document.paths[template].get.responses)) undocumented.push(`${url}: ${status} not documented`);
          if (status < 400) for (const { template } of matching) answered.add(template);
        }
        expect(undocumented).toEqual([]);
        expect(templates.map(({ template }) => template).filter((template) => !answered.has(template))).toEqual([]);
        // Each documented path also documents HEAD, OPTIONS and the refused methods.
        for (const item of Object.values<Json>(document.paths)) expect(Object.keys(item).sort()).toEqual([...methods].sort());
      });
    });
  }

  it('documents answers.json and the full canonical module for instructors only, as each build has them', async () => {
    const learner = builds.get('learner')!;
    const instructor = builds.get('instructor')!;
    const answers = '/api/v1/modules/{slug}/answers.json';
    expect(Object.keys(learner.document.paths)).not.toContain(answers);
    expect(Object.keys(instructor.document.paths)).toContain(answers);
    expect(await get(learner.server.port, '/api/v1/modules/circuit-breaker/answers.json')).toBe(404);
    expect(await get(instructor.server.port, '/api/v1/modules/circuit-breaker/answers.json')).toBe(200);
    const moduleSchema = (build: typeof learner) => build.document.paths['/api/v1/modules/{slug}.json'].get.responses['200'].content['application/json'].schema.$ref;
    expect(moduleSchema(learner)).toBe('#/components/schemas/ApiModule');
    expect(moduleSchema(instructor)).toBe('#/components/schemas/ApiInstructorModule');
    for (const route of ['/api/v1/assets/{slug}/{path}', '/', '/pdf/{path}', '/scorm/{path}', '/slides/{path}', '/api/v1/']) {
      expect(Object.keys(learner.document.paths)).toContain(route);
    }
  });
});
