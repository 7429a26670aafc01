import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml } from '@pattern-press/render';
import type { ApiDownloads, ApiIndex } from '@pattern-press/schema';
import { apiHrefs } from './hrefs.js';

type Download = ApiDownloads['collection'][number];

/** How the page names each kind of download. */
const formatLabels: Record<string, string> = {
  pdf: 'PDF',
  epub: 'EPUB',
  docx: 'DOCX',
  'scorm-1.2': 'SCORM 1.2',
  'scorm-2004': 'SCORM 2004',
  'slides-html': 'slides',
  'slides-pdf': 'slides PDF',
  'slides-pptx': 'slides PPTX',
};

/** What the page shows of an index entry; the status is blank when dist/ has no API index. */
type IndexEntry = Pick<ApiIndex['modules'][number], 'slug' | 'title' | 'built' | 'links'> & { status: string };

/** The modules the API index lists (empty when the API was not built or its index cannot be read). */
async function apiModules(root: string): Promise<IndexEntry[]> {
  try {
    const index = JSON.parse(await readFile(path.join(root, ...apiHrefs.index.split('/').filter(Boolean)), 'utf8')) as { modules?: unknown };
    if (!Array.isArray(index.modules)) return [];
    return index.modules.filter(
      (entry): entry is IndexEntry => typeof entry === 'object' && entry !== null && typeof (entry as IndexEntry).slug === 'string' && typeof (entry as IndexEntry).title === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * The downloads the API's downloads.json lists (what each output's emitter
 * declared, with its module and format) whose files are still in `root`:
 * dist/ may have been rebuilt in part since. None without the API.
 */
async function declaredDownloads(root: string): Promise<{ modules: Map<string, Download[]>; collection: Download[] }> {
  const document = await readFile(path.join(root, ...apiHrefs.downloads.split('/').filter(Boolean)), 'utf8')
    .then((text) => JSON.parse(text) as ApiDownloads)
    .catch(() => undefined);
  const present = async (artifacts: unknown): Promise<Download[]> => {
    const kept: Download[] = [];
    for (const artifact of Array.isArray(artifacts) ? (artifacts as Download[]) : []) {
      if (typeof artifact?.path === 'string' && typeof artifact.format === 'string' && (await isFile(path.join(root, ...artifact.path.split('/').filter(Boolean).map(decodeURIComponent)))))
        kept.push(artifact);
    }
    return kept;
  };
  const modules = new Map<string, Download[]>();
  for (const entry of Array.isArray(document?.modules) ? document.modules : []) {
    if (typeof entry?.slug === 'string') modules.set(entry.slug, await present(entry.artifacts));
  }
  return { modules, collection: await present(document?.collection) };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
const encoded = (...segments: string[]) => `/${segments.map(encodeURIComponent).join('/')}`;

function artifactLinks(artifacts: readonly Download[]): string {
  return artifacts.map((artifact) => link(artifact.path, formatLabels[artifact.format] ?? artifact.format)).join(' · ');
}

/**
 * The page press serve answers `/` with: what `root` (dist/) holds, as links:
 * the API, each module's API resources, slide deck and downloads, the
 * collection's downloads, the report and the timeline. Everything from the
 * files is escaped; the page has no script.
 */
export async function siteIndexHtml(root: string): Promise<string> {
  const realRoot = (await realpath(root).catch(() => undefined)) ?? root;
  const modules = await apiModules(realRoot);
  const canonical = (await filesIn(path.join(realRoot, 'modules'))).filter((name) => name.endsWith('.json'));
  const slugs = modules.length > 0 ? modules.map((entry) => entry.slug) : canonical.map((name) => name.slice(0, -'.json'.length));
  const artifacts = await declaredDownloads(realRoot);
  const sections: string[] = [];

  const apiFiles: [string, string][] = [
    [apiHrefs.index, 'every module, its status and links'],
    [apiHrefs.categories, 'categories'],
    [apiHrefs.graph, 'dependency graph'],
    [apiHrefs.glossary, 'glossary of terms'],
    [apiHrefs.schedule, 'authoring timeline'],
    [apiHrefs.searchIndex, 'full-text search index (MiniSearch)'],
    [apiHrefs.downloads, 'downloads with sizes and hashes'],
    [apiHrefs.openapi, 'OpenAPI document'],
  ];
  const present: string[] = [];
  for (const [href, what] of apiFiles) {
    if (await isFile(path.join(realRoot, ...href.split('/').filter(Boolean)))) present.push(`<li>${link(href, href)}: ${escapeHtml(what)}</li>`);
  }
  if (present.length > 0) sections.push(`<h2>API</h2>\n<ul>\n${present.join('\n')}\n</ul>`);

  const rows: string[] = [];
  const entries: IndexEntry[] = modules.length > 0 ? modules : slugs.map((slug) => ({ slug, title: slug, status: '', built: true, links: {} }));
  for (const entry of entries) {
    const own = artifacts.modules.get(entry.slug) ?? [];
    const read: string[] = [];
    if (entry.links.module) read.push(link(entry.links.module, 'module'));
    if (entry.links.exam) read.push(link(entry.links.exam, 'exam'));
    if (entry.links.answers) read.push(link(entry.links.answers, 'answers'));
    if (own.length === 0 && read.length === 0 && !entry.built) {
      rows.push(`<tr><td>${escapeHtml(entry.title)}</td><td>${escapeHtml(entry.status)}</td><td colspan="2">not built yet</td></tr>`);
      continue;
    }
    rows.push(`<tr><td>${escapeHtml(entry.title)}</td><td>${escapeHtml(entry.status)}</td><td>${read.join(' · ')}</td><td>${artifactLinks(own)}</td></tr>`);
  }
  if (rows.length > 0) {
    sections.push(`<h2>Modules</h2>\n<table>\n<thead><tr><th>Module</th><th>Status</th><th>API</th><th>Slides and downloads</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
  }
  if (artifacts.collection.length > 0) {
    sections.push(
      `<h2>Collection</h2>\n<ul>\n${artifacts.collection.map((artifact) => `<li>${link(artifact.path, decodeURIComponent(artifact.path.split('/').pop()!))} (${escapeHtml(formatLabels[artifact.format] ?? artifact.format)})</li>`).join('\n')}\n</ul>`,
    );
  }

  const pages: string[] = [];
  if (await isFile(path.join(realRoot, 'report', 'index.html'))) pages.push(`<li>${link('/report/', 'Build report')}: status, checklist, sign-offs and coverage of every module</li>`);
  const schedule = await filesIn(path.join(realRoot, 'schedule'));
  if (schedule.length > 0) pages.push(`<li>Authoring timeline: ${schedule.map((name) => link(encoded('schedule', name), name)).join(' · ')}</li>`);
  if (pages.length > 0) sections.push(`<h2>Report and timeline</h2>\n<ul>\n${pages.join('\n')}\n</ul>`);

  if (canonical.length > 0) {
    sections.push(
      `<h2>Canonical documents</h2>\n<p>The whole module as the build read it, exam answers and hidden tests included: for tools and instructors, not for learners.</p>\n<ul>\n${canonical.map((name) => `<li>${link(encoded('modules', name), name)}</li>`).join('\n')}\n</ul>`,
    );
  }
  if (sections.length === 0) sections.push('<p>dist/ holds nothing to show yet: run <code>press build</code>.</p>');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pattern Press</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}</style>
</head>
<body>
<h1>Pattern Press</h1>
<p>What this <code>dist/</code> holds, served by <code>press serve</code>.</p>
${sections.join('\n')}
</body>
</html>
`;
}
