import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiDownloads, ApiIndex } from '@pattern-press/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteIndexHtml } from './site-index.js';

let dist: string;

async function put(relative: string, content: string | object): Promise<void> {
  const file = path.join(dist, ...relative.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
}

function indexEntry(slug: string, title: string): ApiIndex['modules'][number] {
  return {
    slug,
    title,
    tagline: 't',
    category: 'resilience',
    priority: 1,
    complexity: 'low',
    difficulty: 'beginner',
    minutes: 30,
    status: 'draft',
    built: true,
    review_copy: true,
    depends_on: [],
    related: [],
    links: { module: `/api/v1/modules/${slug}.json` },
    downloads: [],
  };
}

const artifact = (format: ApiDownloads['collection'][number]['format'], href: string) => ({ format, media_type: 'application/octet-stream', path: href, bytes: 1, sha256: '0'.repeat(64) });

/** The row of the modules table that names `title`. */
function rowOf(html: string, title: string): string {
  return html.split('\n').find((line) => line.startsWith(`<tr><td>${title}</td>`)) ?? '';
}

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'press-site-index-'));
  const index: ApiIndex = {
    api_version: 'v1',
    modules: [indexEntry('circuit-breaker', 'Circuit Breaker'), indexEntry('cqrs', 'CQRS')],
    audience: 'learner',
    links: { self: '', categories: '', graph: '', glossary: '', search_index: '', downloads: '', openapi: '' },
  };
  // What the emitters declared: a SCORM package whose name says neither its module nor its version, and a handbook.
  const downloads: ApiDownloads = {
    modules: [
      { slug: 'circuit-breaker', artifacts: [artifact('scorm-2004', '/scorm/package-a.zip')] },
      { slug: 'cqrs', artifacts: [] },
    ],
    collection: [artifact('pdf', '/pdf/book.pdf')],
  };
  await put('api/v1/index.json', index);
  await put('api/v1/downloads.json', downloads);
  await put('scorm/package-a.zip', 'zip');
  await put('pdf/book.pdf', 'pdf');
  // Files that look like downloads by their names but no emitter declared: a leftover and a copy someone dropped in.
  await put('pdf/cqrs.pdf', 'stale');
  await put('slides/circuit-breaker-scorm12.zip', 'not a deck');
  await put('scorm/notes-2004.zip', 'not a package');
});

afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('press serve: the site index', () => {
  it("lists each module's downloads as the emitters declared them, by module and format, whatever the file's name", async () => {
    const html = await siteIndexHtml(dist);
    expect(rowOf(html, 'Circuit Breaker')).toContain('<a href="/scorm/package-a.zip">SCORM 2004</a>');
    expect(html).toContain('<li><a href="/pdf/book.pdf">book.pdf</a> (PDF)</li>');
  });

  it('lists no file that only looks like a download', async () => {
    const html = await siteIndexHtml(dist);
    expect(html).not.toContain('/pdf/cqrs.pdf');
    expect(html).not.toContain('circuit-breaker-scorm12.zip');
    expect(html).not.toContain('notes-2004.zip');
    expect(rowOf(html, 'CQRS')).toMatch(/<td><\/td><\/tr>$/);
  });

  it('lists no declared download whose file is gone (dist/ rebuilt in part since the API was written)', async () => {
    await rm(path.join(dist, 'pdf', 'book.pdf'));
    const html = await siteIndexHtml(dist);
    expect(html).not.toContain('/pdf/book.pdf');
    await put('pdf/book.pdf', 'pdf');
  });
});
