import { apiHrefs, apiRoot } from './hrefs.js';
import type { Audience } from '@pattern-press/format';
import type { ApiAnswers, ApiCategories, ApiDownloads, ApiError, ApiExam, ApiGlossary, ApiGraph, ApiIndex, ApiInstructorModule, ApiModule, ApiSearchIndex } from '@pattern-press/schema';
import { apiSchemaIds, type JsonSchema } from './schemas.js';
import { securityPolicies } from './static-files.js';

const componentPrefix = '#/components/schemas/';

/** Component name of a schema's root or of one of its $defs. */
function componentName(title: string, definition?: string): string {
  return definition === undefined ? title : `${title}.${definition}`;
}

/**
 * A `$ref` of a schema file rewritten to point into the OpenAPI components:
 * references by $id (absolute or relative) and local `#/$defs/...` ones alike.
 */
export function componentRef(ref: string, baseId: string, titles: ReadonlyMap<string, string>): string {
  const url = new URL(ref, baseId);
  const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  const title = titles.get(url.href);
  if (title === undefined) throw new Error(`$ref ${ref} in ${baseId} names no schema of schemas/`);
  if (fragment === '') return componentPrefix + componentName(title);
  const match = /^\/\$defs\/([^/]+)(\/.*)?$/.exec(fragment);
  if (!match) throw new Error(`$ref ${ref} in ${baseId} points outside $defs`);
  return componentPrefix + componentName(title, match[1]) + (match[2] ?? '');
}

function rewrite(value: unknown, baseId: string, titles: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, baseId, titles));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || key === '$id' || key === '$defs') continue;
    // json-schema-to-typescript's annotation: meaningless to API readers.
    if (key === 'tsType' && typeof child === 'string') continue;
    out[key] = key === '$ref' && typeof child === 'string' ? componentRef(child, baseId, titles) : rewrite(child, baseId, titles);
  }
  return out;
}

/** Every schema and every $defs entry as an OpenAPI component, references rewritten, in a stable order. */
function schemaComponents(schemas: readonly JsonSchema[]): Record<string, unknown> {
  const titles = new Map(schemas.map((schema) => [schema.$id, schema.title]));
  const components: Record<string, unknown> = {};
  for (const schema of schemas) {
    components[componentName(schema.title)] = rewrite(schema, schema.$id, titles);
    const defs = (schema.$defs ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(defs).sort()) components[componentName(schema.title, name)] = rewrite(defs[name], schema.$id, titles);
  }
  return components;
}

function refOf(schemas: readonly JsonSchema[], id: string): { $ref: string } {
  const schema = schemas.find((candidate) => candidate.$id === id);
  if (!schema) throw new Error(`no schema ${id} in schemas/api/`);
  return { $ref: componentPrefix + schema.title };
}

/** The emitted documents, shown (trimmed: long strings cut, arrays to two items) as the examples of their responses. */
export interface OpenApiExamples {
  index?: ApiIndex;
  module?: ApiModule | ApiInstructorModule;
  exam?: ApiExam;
  answers?: ApiAnswers;
  categories?: ApiCategories;
  graph?: ApiGraph;
  glossary?: ApiGlossary;
  schedule?: unknown;
  searchIndex?: ApiSearchIndex;
  downloads?: ApiDownloads;
}

export interface OpenApiOptions {
  withSchedule: boolean;
  /** Which build this document describes: answers.json is documented for instructors only. Default learner. */
  audience?: Audience | undefined;
  /** Some module is built: the module routes exist. Default true. */
  withModules?: boolean | undefined;
  /** Some built module has an exam: the exam (and, for instructors, answers) routes exist. Default true. */
  withExams?: boolean | undefined;
  /** A slug to show in examples (the first built module). */
  exampleSlug?: string | undefined;
  /** The documents to show as examples; every documented JSON document needs one. */
  examples?: OpenApiExamples | undefined;
}

/** A value made short enough to show: strings cut at 200 characters, arrays and numbered maps cut to two entries. */
function trimmedExample(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 2).map(trimmedExample);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const numbered = entries.length > 2 && entries.every(([key]) => /^\d+$/.test(key));
  return Object.fromEntries((numbered ? entries.slice(0, 2) : entries).map(([key, child]) => [key, trimmedExample(child)]));
}

const ref = (kind: 'headers' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

interface Media {
  type: string;
  /** A short example of the body. */
  example: string;
}

interface Route {
  path: string;
  /** Operation ids are get<Name>, head<Name>, options<Name>. */
  name: string;
  summary: string;
  description: string;
  tag: string;
  parameters: unknown[];
  /** What a 200 holds: a JSON document of the API, or files of these media types. */
  ok: { schema: { $ref: string }; example: unknown } | { media: Media[] } | { redirect: 301 | 302; location: string };
  /** Text types: compressed when asked (Content-Encoding, Vary). */
  compressible: boolean;
  /** The Content-Security-Policy sent with the 200, when any. */
  policy?: keyof typeof securityPolicies;
  /** Refused paths (400) are possible: the route has path parameters. */
  templated: boolean;
}

const binary = (type: string, example: string): Media => ({ type, example });

function errorExample(status: number, error: ApiError['error'], message: string, requestPath: string): ApiError {
  return { status, error, message, path: requestPath };
}

/** The paths press serve answers, in the order the document lists them. */
function routes(
  options: Required<Pick<OpenApiOptions, 'withSchedule' | 'withModules' | 'withExams'>> & { audience: Audience },
  schemas: readonly JsonSchema[],
  examples: OpenApiExamples,
  exampleSlug: string,
): Route[] {
  const slugParameter = ref('parameters', 'slug');
  const pathParameter = (description: string, example: string) => ({
    name: 'path',
    in: 'path',
    required: true,
    description: `${description} It may hold / for sub-folders; percent-encode each segment. Hidden files and folders (starting with a dot) are never served.`,
    schema: { type: 'string', minLength: 1 },
    example,
  });
  const json = (schemaId: string, example: unknown, operation: string) => {
    if (example === undefined) throw new Error(`no example document for ${operation}`);
    return { schema: refOf(schemas, schemaId), example: trimmedExample(example) };
  };
  const api = (path: string, name: string, summary: string, description: string, tag: string, schemaId: string, example: unknown, templated = false): Route => ({
    path: `${apiRoot}${path}`,
    name,
    summary,
    description,
    tag,
    parameters: templated ? [slugParameter] : [],
    ok: json(schemaId, example, name),
    compressible: true,
    templated,
  });
  const list: Route[] = [
    {
      path: '/',
      name: 'SiteIndex',
      summary: 'What this dist/ holds, as links',
      description:
        "An HTML page the server writes for each request: the API, each module's downloads and slide deck, the collection downloads, the report and the timeline, as far as dist/ holds them.",
      tag: 'site',
      parameters: [],
      ok: { media: [{ type: 'text/html', example: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pattern Press</title>…' }] },
      compressible: true,
      policy: 'index',
      templated: false,
    },
    {
      path: apiRoot,
      name: 'ApiRoot',
      summary: 'The API root: redirects to the API index',
      description: `Answers 302 with \`Location: ${apiHrefs.index}\`.`,
      tag: 'catalog',
      parameters: [],
      ok: { redirect: 302, location: apiHrefs.index },
      compressible: false,
      templated: false,
    },
    {
      path: `${apiRoot}/`,
      name: 'ApiRootFolder',
      summary: 'The API folder: redirects to the API index',
      description: `Answers 302 with \`Location: ${apiHrefs.index}\`.`,
      tag: 'catalog',
      parameters: [],
      ok: { redirect: 302, location: apiHrefs.index },
      compressible: false,
      templated: false,
    },
    api(
      '/index.json',
      'Index',
      'Every module of the catalog (all statuses) with links to its resources',
      'The entry point of the API: each module with its status, whether it is built, its links (module, exam and, in the instructor build, answers) and its downloads; links to the collection resources.',
      'catalog',
      apiSchemaIds.index,
      examples.index,
    ),
    api(
      '/categories.json',
      'Categories',
      'The categories and their modules',
      'Each category of the catalog with the slugs of its modules, in catalog order.',
      'catalog',
      apiSchemaIds.categories,
      examples.categories,
    ),
    api(
      '/graph.json',
      'Graph',
      'The dependency graph: nodes, edges, a topological order',
      'Every module as a node, depends_on and related as edges, and an order in which every module comes after the modules it depends on.',
      'catalog',
      apiSchemaIds.graph,
      examples.graph,
    ),
    api(
      '/glossary.json',
      'Glossary',
      'Every term the modules define',
      'Each glossary term in alphabetical order: its definition (Markdown), the module that teaches it and the modules that use it.',
      'catalog',
      apiSchemaIds.glossary,
      examples.glossary,
    ),
  ];
  if (options.withSchedule) {
    list.push(api('/schedule.json', 'Schedule', 'The authoring timeline', 'Who writes which module when, as the scheduling package planned it.', 'planning', apiSchemaIds.schedule, examples.schedule));
  }
  if (options.withModules) {
    list.push(
      options.audience === 'instructor'
        ? api(
            '/modules/{slug}.json',
            'Module',
            'A built module: the full canonical document plus its content as sanitized HTML',
            'Instructor build: the canonical module exactly as the emitters read it, exam answers, model answers, insights, implications and hidden code tests included, and every part as sanitized HTML.',
            'modules',
            apiSchemaIds.instructorModule,
            examples.module,
            true,
          )
        : api(
            '/modules/{slug}.json',
            'Module',
            'A built module: the learner view of its document plus its content as sanitized HTML',
            "The canonical module without its exam and without the code examples' hidden tests and exam drivers (learners answer the exam through exam.json), and every part as sanitized HTML.",
            'modules',
            apiSchemaIds.module,
            examples.module,
            true,
          ),
    );
  }
  if (options.withModules && options.withExams) {
    list.push(
      api(
        '/modules/{slug}/exam.json',
        'Exam',
        'The exam of a built module, without answers (for learners)',
        'Each question with its prompt and what the learner answers with; ordering items and matching targets are never listed in the solving order. Modules without an exam answer 404.',
        'modules',
        apiSchemaIds.exam,
        examples.exam,
        true,
      ),
    );
    if (options.audience === 'instructor') {
      list.push(
        api(
          '/modules/{slug}/answers.json',
          'Answers',
          'Correct answers and model answers of a built module (instructor build only)',
          "Each question's correct answer, model answer, key insights and production implications. Written only by `press build --audience instructor`.",
          'modules',
          apiSchemaIds.answers,
          examples.answers,
          true,
        ),
      );
    }
  }
  list.push(
    api(
      '/search-index.json',
      'SearchIndex',
      'A prebuilt MiniSearch full-text index',
      'Load it with `MiniSearch.loadJS(body.index, body.options)`; hits carry kind, slug, title and href. Holds no exam content.',
      'catalog',
      apiSchemaIds.searchIndex,
      examples.searchIndex,
    ),
    api(
      '/downloads.json',
      'Downloads',
      'Every download per module: format, media type, path, bytes, sha256',
      'PDFs, the handbook as PDF, EPUB and DOCX, SCORM packages, and each slide deck (HTML entry point, PDF, PPTX).',
      'downloads',
      apiSchemaIds.downloads,
      examples.downloads,
    ),
    {
      ...api('/openapi.json', 'OpenApi', 'This OpenAPI document', 'The routes, responses and schemas of this build of the API.', 'meta', apiSchemaIds.openapi, {
        openapi: '3.1.0',
        info: { title: 'Pattern Press API', version: '1.0.0' },
        servers: [{ url: '/' }],
        paths: { [apiHrefs.index]: {} },
        components: { schemas: {} },
      }),
    },
    {
      path: `${apiRoot}/assets/{slug}/{path}`,
      name: 'Asset',
      summary: 'A file a module shows (image, diagram), copied from its folder',
      description:
        "Files beside a module's module.md that its HTML links to, published by the build (SVG sanitized). They come from authors, so they are untrusted: " +
        `every one is sent with \`Content-Security-Policy: ${securityPolicies.sandbox}\` and \`X-Content-Type-Options: nosniff\`, so a document opened from here runs no script.`,
      tag: 'assets',
      parameters: [slugParameter, pathParameter("The file's path inside the module folder.", 'img/states.svg')],
      ok: {
        media: [
          { type: 'image/svg+xml', example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">…</svg>' },
          binary('image/png', '\u0089PNG…'),
          binary('image/jpeg', '\u00ff\u00d8\u00ff…'),
          binary('application/pdf', '%PDF-1.7…'),
        ],
      },
      compressible: true,
      policy: 'sandbox',
      templated: true,
    },
    {
      path: '/pdf/{path}',
      name: 'PdfFile',
      summary: 'A PDF of a module, or the handbook as PDF, EPUB or DOCX',
      description: 'The pdf output: `<slug>.pdf` per built module and `handbook.pdf`, `handbook.epub`, `handbook.docx` for the collection. Ranges are supported (206).',
      tag: 'downloads',
      parameters: [pathParameter('The file in dist/pdf/.', `${exampleSlug}.pdf`)],
      ok: {
        media: [
          binary('application/pdf', '%PDF-1.7…'),
          binary('application/epub+zip', 'PK\u0003\u0004…mimetypeapplication/epub+zip…'),
          binary('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK\u0003\u0004…[Content_Types].xml…'),
        ],
      },
      compressible: false,
      templated: true,
    },
    {
      path: '/scorm/{path}',
      name: 'ScormFile',
      summary: 'A SCORM 1.2 or 2004 package of a module or of the course',
      description: 'The scorm output: `<slug>-scorm12.zip`, `<slug>-scorm2004.zip` per built module and `course-scorm12.zip`, `course-scorm2004.zip`.',
      tag: 'downloads',
      parameters: [pathParameter('The file in dist/scorm/.', `${exampleSlug}-scorm12.zip`)],
      ok: { media: [binary('application/zip', 'PK\u0003\u0004…imsmanifest.xml…')] },
      compressible: false,
      templated: true,
    },
    {
      path: '/slides/{path}',
      name: 'SlidesFile',
      summary: 'A slide deck: its PDF, its PPTX, or its reveal.js folder',
      description:
        'The slides output: `<slug>.pdf` and `<slug>.pptx` per built module, and the deck folder `<slug>/` whose `index.html` is the deck (served for `<slug>/`; `<slug>` without the slash answers 301). ' +
        "The deck's own files (reveal.js, CSS, diagrams) are served from the same folder.",
      tag: 'downloads',
      parameters: [pathParameter('The file in dist/slides/.', `${exampleSlug}/`)],
      ok: {
        media: [
          { type: 'text/html', example: '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">…' },
          binary('application/pdf', '%PDF-1.7…'),
          binary('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PK\u0003\u0004…[Content_Types].xml…'),
          { type: 'text/css', example: '.reveal .frame { … }' },
          { type: 'text/javascript', example: '/*! reveal.js … */' },
          { type: 'image/svg+xml', example: '<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>' },
        ],
      },
      compressible: true,
      policy: 'deck',
      templated: true,
    },
    {
      path: '/report',
      name: 'ReportFolder',
      summary: 'The build report folder: redirects to /report/',
      description: 'Answers 301 with `Location: /report/`.',
      tag: 'site',
      parameters: [],
      ok: { redirect: 301, location: '/report/' },
      compressible: false,
      templated: false,
    },
    {
      path: '/report/',
      name: 'Report',
      summary: 'The build report as HTML',
      description: "dist/report/index.html: each module's status, checklist rules, sign-offs, rubric, outcome coverage and timing.",
      tag: 'site',
      parameters: [],
      ok: { media: [{ type: 'text/html', example: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pattern Press report</title>…' }] },
      compressible: true,
      policy: 'html',
      templated: false,
    },
    {
      path: '/report/{path}',
      name: 'ReportFile',
      summary: 'A file of the build report (index.html, report.json)',
      description: 'The report output as written by `press build` or `press report`.',
      tag: 'site',
      parameters: [pathParameter('The file in dist/report/.', 'report.json')],
      ok: {
        media: [
          { type: 'application/json', example: '{\n  "modules": […]\n}' },
          { type: 'text/html', example: '<!doctype html>…' },
        ],
      },
      compressible: true,
      policy: 'html',
      templated: true,
    },
    {
      path: '/schedule/{path}',
      name: 'ScheduleFile',
      summary: 'The authoring timeline as HTML, SVG, PNG, iCalendar, CSV, JSON or Mermaid',
      description: 'The schedule output: `timeline.html`, `timeline.svg`, `timeline.png`, `timeline.ics`, `timeline.csv`, `timeline.json`, `timeline.mmd` (Mermaid source, served as text/plain).',
      tag: 'planning',
      parameters: [pathParameter('The file in dist/schedule/.', 'timeline.ics')],
      ok: {
        media: [
          { type: 'text/html', example: '<!doctype html>…' },
          { type: 'image/svg+xml', example: '<svg xmlns="http://www.w3.org/2000/svg" …>…</svg>' },
          binary('image/png', '\u0089PNG…'),
          { type: 'text/calendar', example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…' },
          { type: 'text/csv', example: 'module,phase,author,start,end\r\n…' },
          { type: 'application/json', example: '{ "sprints": […] }' },
          { type: 'text/plain', example: 'gantt\n  dateFormat YYYY-MM-DD\n…' },
        ],
      },
      compressible: true,
      policy: 'html',
      templated: true,
    },
    {
      path: '/modules/{path}',
      name: 'CanonicalModule',
      summary: 'The canonical document of a module, as the modules output wrote it',
      description:
        'dist/modules/<slug>.json: the whole canonical module (schemas/module.schema.json), exam answers and hidden code tests included, whatever the API audience. ' +
        "It is the build's input for other tools, not a learner resource: learner-facing clients read /api/v1/.",
      tag: 'meta',
      parameters: [pathParameter('The file in dist/modules/.', `${exampleSlug}.json`)],
      ok: { media: [{ type: 'application/json', example: `{\n  "slug": "${exampleSlug}",\n  "title": "…",\n  …\n}` }] },
      compressible: true,
      templated: true,
    },
  );
  return list;
}

const refusedMethods = ['post', 'put', 'patch', 'delete'] as const;

function okResponse(route: Route) {
  const headers: Record<string, unknown> = {
    ETag: ref('headers', 'ETag'),
    'Cache-Control': ref('headers', 'CacheControl'),
    'Content-Length': ref('headers', 'ContentLength'),
    'Accept-Ranges': ref('headers', 'AcceptRanges'),
    'X-Content-Type-Options': ref('headers', 'XContentTypeOptions'),
  };
  if (route.path !== '/') headers['Last-Modified'] = ref('headers', 'LastModified');
  if (route.compressible) Object.assign(headers, { Vary: ref('headers', 'Vary'), 'Content-Encoding': ref('headers', 'ContentEncoding') });
  if (route.policy)
    headers['Content-Security-Policy'] = { description: 'What a page from here may load and run: nothing remote.', schema: { type: 'string' }, example: securityPolicies[route.policy] };
  const ok = route.ok;
  if ('redirect' in ok) return undefined;
  const content =
    'schema' in ok
      ? { 'application/json': { schema: ok.schema, example: ok.example } }
      : Object.fromEntries(ok.media.map((media) => [media.type, { schema: { type: 'string', contentMediaType: media.type }, example: media.example }]));
  return { description: route.summary, headers, content };
}

function partialResponse(route: Route) {
  const ok = route.ok;
  if ('redirect' in ok) return undefined;
  const types =
    'schema' in ok ? [{ type: 'application/json', example: JSON.stringify(ok.example, null, 2).slice(0, 24) }] : ok.media.map((media) => ({ type: media.type, example: media.example.slice(0, 8) }));
  return {
    description: 'One byte range of the file, as asked by a satisfiable `Range: bytes=…` (never compressed). Several ranges or a malformed Range are ignored (200).',
    headers: {
      'Content-Range': ref('headers', 'ContentRange'),
      'Content-Length': ref('headers', 'ContentLength'),
      ETag: ref('headers', 'ETag'),
      'Accept-Ranges': ref('headers', 'AcceptRanges'),
    },
    content: Object.fromEntries(types.map((media) => [media.type, { schema: { type: 'string', description: 'The requested bytes.' }, example: media.example }])),
  };
}

/** The GET responses of a route: which statuses apply depends on what it serves. */
function getResponses(route: Route): Record<string, unknown> {
  const ok = route.ok;
  if ('redirect' in ok) {
    return {
      [String(ok.redirect)]: {
        description: `Redirect to ${ok.location}.`,
        headers: { Location: { description: 'Where the resource is.', schema: { type: 'string' }, example: ok.location }, 'Cache-Control': ref('headers', 'CacheControl') },
      },
      '500': ref('responses', 'ServerError'),
    };
  }
  const responses: Record<string, unknown> = { '200': okResponse(route), '206': partialResponse(route), '304': ref('responses', 'NotModified') };
  if (route.templated) responses['400'] = ref('responses', 'BadPath');
  if (route.path !== '/') responses['404'] = ref('responses', 'NotFound');
  Object.assign(responses, { '412': ref('responses', 'PreconditionFailed'), '416': ref('responses', 'RangeNotSatisfiable'), '500': ref('responses', 'ServerError') });
  // Files that are folders with an index.html redirect to the folder.
  if (route.path === '/slides/{path}') {
    responses['301'] = {
      description: 'A deck folder asked without its final slash: redirected to the folder, whose index.html is the deck.',
      headers: { Location: { description: 'The folder, with its final slash.', schema: { type: 'string' }, example: '/slides/circuit-breaker/' }, 'Cache-Control': ref('headers', 'CacheControl') },
    };
  }
  return responses;
}

/** The same statuses for HEAD: the headers GET would send, no body. */
function headResponses(get: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(get).map(([status, response]) => {
      const known = (response as { $ref?: string }).$ref;
      if (known !== undefined) return [status, { $ref: known.replace('/responses/', '/responses/Head') }];
      const { content: _content, ...rest } = response as { content?: unknown; description: string };
      return [status, { ...rest, description: `${rest.description} HEAD: the same headers, no body.` }];
    }),
  );
}

function pathItem(route: Route) {
  const headerParameters =
    'redirect' in route.ok ? [] : ['ifNoneMatch', 'ifMatch', 'ifModifiedSince', 'ifUnmodifiedSince', 'range', 'ifRange', 'acceptEncoding'].map((name) => ref('parameters', name));
  const parameters = [...route.parameters, ...headerParameters];
  const get = getResponses(route);
  const item: Record<string, unknown> = {
    get: { operationId: `get${route.name}`, summary: route.summary, description: route.description, tags: [route.tag], parameters, responses: get },
    head: { operationId: `head${route.name}`, summary: `${route.summary} (headers only)`, tags: [route.tag], parameters, responses: headResponses(get) },
    options: {
      operationId: `options${route.name}`,
      summary: 'CORS preflight',
      tags: [route.tag],
      parameters: route.parameters,
      responses: { '204': ref('responses', 'Preflight') },
    },
  };
  for (const method of refusedMethods) {
    item[method] = {
      operationId: `${method}${route.name}`,
      summary: `Refused: the server is read-only (405, as for every method but GET, HEAD and OPTIONS)`,
      tags: [route.tag],
      parameters: route.parameters,
      responses: { '405': ref('responses', 'MethodNotAllowed') },
    };
  }
  return item;
}

/** Names of the schema components `value` refers to. */
function referencedSchemas(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => referencedSchemas(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(componentPrefix)) found.add(child.slice(componentPrefix.length).split('/', 1)[0]!);
      else referencedSchemas(child, found);
    }
  }
  return found;
}

/** Only the components the document uses, each with everything it refers to. */
function reachableComponents(all: Record<string, unknown>, roots: Set<string>): Record<string, unknown> {
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    if (!(name in all)) throw new Error(`the OpenAPI document refers to a schema component ${name} that does not exist`);
    reached.add(name);
    queue.push(...referencedSchemas(all[name]));
  }
  return Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
}

const etagExample = '"sha256-47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"';

/** The OpenAPI 3.1 document of what press serve answers for one build of the API, with the schemas it uses as components. */
export function openApiDocument(schemas: readonly JsonSchema[], options: OpenApiOptions) {
  const audience = options.audience ?? 'learner';
  const exampleSlug = options.exampleSlug ?? 'circuit-breaker';
  const slugSchema = { $ref: `${componentPrefix}PatternModule.slug` };
  const error = refOf(schemas, apiSchemaIds.error);
  const list = routes({ withSchedule: options.withSchedule, withModules: options.withModules ?? true, withExams: options.withExams ?? true, audience }, schemas, options.examples ?? {}, exampleSlug);
  const errorResponse = (description: string, example: ReturnType<typeof errorExample>, extraHeaders: Record<string, unknown> = {}) => ({
    description,
    headers: { 'Cache-Control': { description: 'Errors are never cached.', schema: { type: 'string' }, example: 'no-store' }, ...extraHeaders },
    content: { 'application/json': { schema: error, example } },
  });
  const missing = `${apiRoot}/modules/sharding.json`;
  const errorResponses = {
    BadPath: errorResponse(
      'A refused path: `..` segments (plain, percent-encoded or encoded several times), backslashes, NUL bytes, `//` or drive-letter paths, undecodable percent-encoding.',
      errorExample(400, 'bad_path', 'refused path: parent-folder segments (..) are refused', '/api/v1/%2e%2e/secret.txt'),
    ),
    NotFound: errorResponse(
      'Nothing there: no such file in dist/ (e.g. a module that is not built, a hidden file, a symbolic link leading out of dist/, or a folder without index.html).',
      errorExample(404, 'not_found', `nothing at ${missing}; the API starts at ${apiHrefs.index}`, missing),
    ),
    MethodNotAllowed: errorResponse(
      'The server is read-only: every method but GET, HEAD and OPTIONS is refused.',
      errorExample(405, 'method_not_allowed', 'POST is not allowed: this server is read-only (GET, HEAD, OPTIONS)', apiHrefs.index),
      {
        Allow: { description: 'The methods the server answers.', schema: { type: 'string' }, example: 'GET, HEAD, OPTIONS' },
      },
    ),
    PreconditionFailed: errorResponse(
      'If-Match names no current ETag of the file (or If-Unmodified-Since is older than the file).',
      errorExample(412, 'precondition_failed', 'If-Match "sha256-old" does not match the current ETag', apiHrefs.index),
    ),
    RangeNotSatisfiable: errorResponse(
      'The Range starts past the end of the file.',
      errorExample(416, 'range_not_satisfiable', 'bytes=999999- is outside the 2048 bytes of the file', apiHrefs.index),
      {
        'Content-Range': { description: 'The size of the file, as `bytes */<size>`.', schema: { type: 'string' }, example: 'bytes */2048' },
      },
    ),
    ServerError: errorResponse('The server failed; the error is written to its standard error.', errorExample(500, 'server_error', 'the server failed to answer; see its log', apiHrefs.index)),
  };
  const responses: Record<string, unknown> = {
    NotModified: {
      description: 'The file matches If-None-Match (or is not newer than If-Modified-Since): reuse the cached copy. No body.',
      headers: { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl'), Vary: ref('headers', 'Vary') },
    },
    Preflight: {
      description: 'A CORS preflight: any origin may GET and HEAD (a plain OPTIONS is answered the same way).',
      headers: {
        'Access-Control-Allow-Origin': { description: 'Any origin.', schema: { type: 'string' }, example: '*' },
        'Access-Control-Allow-Methods': { description: 'The methods cross-origin requests may use.', schema: { type: 'string' }, example: 'GET, HEAD' },
        'Access-Control-Allow-Headers': { description: 'The request headers asked for, allowed.', schema: { type: 'string' }, example: 'if-none-match, range' },
        'Access-Control-Max-Age': { description: 'Seconds a browser may reuse this answer.', schema: { type: 'string' }, example: '600' },
      },
    },
    ...errorResponses,
  };
  // HEAD variants: the same headers, no body.
  for (const [name, response] of Object.entries(responses)) {
    const { content: _content, ...rest } = response as { content?: unknown; description: string; headers: Record<string, unknown> };
    responses[`Head${name}`] = {
      ...rest,
      description: `${rest.description} (HEAD: the same headers, no body.)`,
      headers: { ...rest.headers, 'Content-Type': { description: 'The type the body would have had.', schema: { type: 'string' }, example: 'application/json; charset=utf-8' } },
    };
  }
  const paths = Object.fromEntries(list.map((route) => [route.path, pathItem(route)]));
  const parameters = {
    slug: {
      name: 'slug',
      in: 'path',
      required: true,
      description: 'The module slug; only built modules (status draft, review or published) have these resources.',
      schema: slugSchema,
      example: exampleSlug,
    },
    ifNoneMatch: {
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'ETags from earlier responses (or *): the answer is 304 Not Modified when one is the current one.',
      schema: { type: 'string' },
      example: etagExample,
    },
    ifMatch: {
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'Proceed only if the file still has one of these ETags (or exists, for *); otherwise 412.',
      schema: { type: 'string' },
      example: etagExample,
    },
    ifModifiedSince: {
      name: 'If-Modified-Since',
      in: 'header',
      required: false,
      description: 'Ignored when If-None-Match is sent. 304 when the file is not newer.',
      schema: { type: 'string' },
      example: 'Mon, 30 Nov 2026 08:00:00 GMT',
    },
    ifUnmodifiedSince: {
      name: 'If-Unmodified-Since',
      in: 'header',
      required: false,
      description: 'Ignored when If-Match is sent. 412 when the file is newer.',
      schema: { type: 'string' },
      example: 'Mon, 30 Nov 2026 08:00:00 GMT',
    },
    range: {
      name: 'Range',
      in: 'header',
      required: false,
      description: 'One byte range (`bytes=0-1023`, `bytes=1024-`, `bytes=-512`): 206 with that part, 416 when it starts past the end. Malformed or several ranges are ignored (200).',
      schema: { type: 'string' },
      example: 'bytes=0-1023',
    },
    ifRange: {
      name: 'If-Range',
      in: 'header',
      required: false,
      description: 'Honour Range only while the file still has this ETag (or this Last-Modified date); otherwise send it whole.',
      schema: { type: 'string' },
      example: etagExample,
    },
    acceptEncoding: {
      name: 'Accept-Encoding',
      in: 'header',
      required: false,
      description: 'br or gzip: text files of 1 KiB and more are sent compressed (Content-Encoding, Vary: Accept-Encoding).',
      schema: { type: 'string' },
      example: 'br, gzip',
    },
  };
  const headers = {
    ETag: {
      description: 'A strong validator from the SHA-256 of the bytes: the same bytes give the same ETag, whatever their date. A compressed answer adds the encoding (`.br`, `.gz`) inside the quotes.',
      schema: { type: 'string' },
      example: etagExample,
    },
    CacheControl: {
      description: 'API documents and HTML: `public, no-cache` (revalidate, cheap with the ETag); other files: `public, max-age=300`.',
      schema: { type: 'string' },
      example: 'public, no-cache',
    },
    ContentLength: { description: 'Bytes of the body.', schema: { type: 'integer' }, example: 2048 },
    ContentRange: { description: 'The bytes sent and the size of the file.', schema: { type: 'string' }, example: 'bytes 0-1023/2048' },
    AcceptRanges: { description: 'Byte ranges are supported.', schema: { type: 'string' }, example: 'bytes' },
    LastModified: { description: 'When the file was last written (informative: the ETag decides).', schema: { type: 'string' }, example: 'Mon, 30 Nov 2026 08:00:00 GMT' },
    Vary: { description: 'Sent with every text answer, compressed or not: caches keep one copy per Accept-Encoding.', schema: { type: 'string' }, example: 'Accept-Encoding' },
    ContentEncoding: { description: 'br or gzip when the body is compressed; absent otherwise.', schema: { type: 'string' }, example: 'br' },
    XContentTypeOptions: { description: 'Browsers never guess another type than Content-Type.', schema: { type: 'string' }, example: 'nosniff' },
  };
  const document = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Pattern Press API',
      version: '1.0.0',
      summary: 'Learning modules about distributed-system patterns, as a static JSON API, with the downloads and previews beside it.',
      description:
        'Static files written by `press build` into dist/ and served by `press serve` (or any static host serving dist/ at its root). ' +
        `This document describes the ${audience} build: ` +
        (audience === 'instructor'
          ? 'module documents carry the whole canonical module and answers.json carries the answers. Do not publish it to learners. '
          : 'no file gives an exam answer, a model answer, an insight, an implication or a hidden code test away (`press build --audience instructor` adds them). ') +
        'The API documents have their JSON Schema (draft 2020-12) among the components. ' +
        'Modules that are not published are review copies: their `status`, `review_copy` and `notice` say so. ' +
        'Every file answer carries a content-hash ETag (If-None-Match gives 304, If-Match 412), supports one byte Range (206, 416), is compressed with br or gzip when it is text, and carries Cache-Control; ' +
        'CORS allows GET and HEAD from any origin and exposes ETag, Content-Length, Content-Encoding, Content-Range and Accept-Ranges. HEAD answers like GET without a body; every other method but OPTIONS is refused with 405.',
      license: { name: 'All rights reserved', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: 'press serve, relative to the host that serves dist/' }],
    tags: [
      { name: 'site', description: 'HTML pages: the index of dist/ and the build report' },
      { name: 'catalog', description: 'The catalog of modules, its categories, graph and search index' },
      { name: 'modules', description: audience === 'instructor' ? 'One built module: content, exam, answers' : 'One built module: content and exam' },
      { name: 'assets', description: 'Files the modules show, copied from their folders (untrusted, sandboxed)' },
      { name: 'planning', description: 'The authoring timeline' },
      { name: 'downloads', description: 'PDF, EPUB, DOCX, SCORM and slide artifacts' },
      { name: 'meta', description: 'This document and the canonical module documents' },
    ],
    paths,
    components: {
      schemas: {} as Record<string, unknown>,
      parameters,
      headers,
      responses,
    },
  };
  const all = schemaComponents(schemas);
  document.components.schemas = reachableComponents(all, referencedSchemas({ paths, parameters, headers, responses }));
  return document;
}
