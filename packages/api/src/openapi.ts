import { apiRoot } from './hrefs.js';
import { apiSchemaIds, type JsonSchema } from './schemas.js';

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
export function schemaComponents(schemas: readonly JsonSchema[]): Record<string, unknown> {
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

interface Endpoint {
  path: string;
  operationId: string;
  summary: string;
  schemaId: string;
  tag: string;
  slug?: boolean;
}

function endpoints(withSchedule: boolean): Endpoint[] {
  const list: Endpoint[] = [
    { path: '/index.json', operationId: 'getIndex', summary: 'Every module of the catalog (all statuses) with links to its resources', schemaId: apiSchemaIds.index, tag: 'catalog' },
    { path: '/categories.json', operationId: 'getCategories', summary: 'The categories and their modules', schemaId: apiSchemaIds.categories, tag: 'catalog' },
    { path: '/graph.json', operationId: 'getGraph', summary: 'The dependency graph: nodes, edges, a topological order', schemaId: apiSchemaIds.graph, tag: 'catalog' },
    { path: '/modules/{slug}.json', operationId: 'getModule', summary: 'A built module: the canonical document plus its content as sanitized HTML', schemaId: apiSchemaIds.module, tag: 'modules', slug: true },
    { path: '/modules/{slug}/exam.json', operationId: 'getExam', summary: 'The exam questions of a built module, without answers (for learners)', schemaId: apiSchemaIds.exam, tag: 'modules', slug: true },
    { path: '/modules/{slug}/answers.json', operationId: 'getAnswers', summary: 'Correct answers and model answers of a built module (for instructors)', schemaId: apiSchemaIds.answers, tag: 'modules', slug: true },
    { path: '/search-index.json', operationId: 'getSearchIndex', summary: 'A prebuilt MiniSearch full-text index', schemaId: apiSchemaIds.searchIndex, tag: 'catalog' },
    { path: '/downloads.json', operationId: 'getDownloads', summary: 'Every built artifact per module: format, path, bytes, sha256', schemaId: apiSchemaIds.downloads, tag: 'downloads' },
    { path: '/openapi.json', operationId: 'getOpenApi', summary: 'This OpenAPI document', schemaId: apiSchemaIds.openapi, tag: 'meta' },
  ];
  if (withSchedule) {
    list.splice(3, 0, { path: '/schedule.json', operationId: 'getSchedule', summary: 'The authoring timeline', schemaId: apiSchemaIds.schedule, tag: 'planning' });
  }
  return list;
}

function operation(endpoint: Endpoint, schemas: readonly JsonSchema[]) {
  const parameters: unknown[] = [];
  if (endpoint.slug) parameters.push({ $ref: '#/components/parameters/slug' });
  parameters.push({ $ref: '#/components/parameters/ifNoneMatch' });
  return {
    get: {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      tags: [endpoint.tag],
      parameters,
      responses: {
        '200': {
          description: endpoint.summary,
          headers: {
            ETag: { $ref: '#/components/headers/ETag' },
            'Cache-Control': { $ref: '#/components/headers/CacheControl' },
          },
          content: { 'application/json': { schema: refOf(schemas, endpoint.schemaId) } },
        },
        '304': { $ref: '#/components/responses/NotModified' },
        '404': { $ref: '#/components/responses/NotFound' },
        '405': { $ref: '#/components/responses/MethodNotAllowed' },
      },
    },
  };
}

export interface OpenApiOptions {
  withSchedule: boolean;
  /** A slug to show in examples (the first built module). */
  exampleSlug?: string | undefined;
}

/** The OpenAPI 3.1 document of the static API, with every schema of schemas/ as a component. */
export function openApiDocument(schemas: readonly JsonSchema[], options: OpenApiOptions) {
  const slugSchema = { $ref: `${componentPrefix}PatternModule.slug` };
  const error = refOf(schemas, apiSchemaIds.error);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Pattern Press API',
      version: '1.0.0',
      summary: 'Learning modules about distributed-system patterns, as a static JSON API.',
      description:
        'Static files written by `press build` into dist/api/v1/ and served by `press serve` (or any static host serving dist/ at its root). ' +
        'Every response is a JSON document with its JSON Schema (draft 2020-12) among the components. ' +
        'Modules that are not published are review copies: their `status`, `review_copy` and `notice` say so. ' +
        'Responses carry an ETag (send If-None-Match for a 304) and Cache-Control; CORS allows GET and HEAD from any origin.',
      license: { name: 'All rights reserved', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: apiRoot, description: 'press serve, relative to the host that serves dist/' }],
    tags: [
      { name: 'catalog', description: 'The catalog of modules, its categories, graph and search index' },
      { name: 'modules', description: 'One built module: content, exam, answers' },
      ...(options.withSchedule ? [{ name: 'planning', description: 'The authoring timeline' }] : []),
      { name: 'downloads', description: 'PDF, SCORM and slide artifacts' },
      { name: 'meta', description: 'This document' },
    ],
    paths: Object.fromEntries(endpoints(options.withSchedule).map((endpoint) => [endpoint.path, operation(endpoint, schemas)])),
    components: {
      schemas: schemaComponents(schemas),
      parameters: {
        slug: {
          name: 'slug',
          in: 'path',
          required: true,
          description: 'The module slug; only built modules (status draft, review or published) have these resources.',
          schema: slugSchema,
          ...(options.exampleSlug ? { example: options.exampleSlug } : {}),
        },
        ifNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'An ETag from an earlier response: the answer is 304 Not Modified when it still matches.',
          schema: { type: 'string' },
        },
      },
      headers: {
        ETag: { description: 'Validator of this representation.', schema: { type: 'string' } },
        CacheControl: { description: 'How long caches may reuse the response before revalidating.', schema: { type: 'string' } },
      },
      responses: {
        NotModified: { description: 'The representation matches If-None-Match: reuse the cached one.' },
        NotFound: { description: 'No such resource (e.g. a module that is not built).', content: { 'application/json': { schema: error } } },
        MethodNotAllowed: { description: 'Only GET, HEAD and OPTIONS are served.', content: { 'application/json': { schema: error } } },
      },
    },
  };
}
