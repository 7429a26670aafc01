import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheKey, codeFingerprint, LookupRecorder, megabytesFromEnv, openFileCache, pruneFileCache, sameLookups, type FileCache } from '@pattern-press/cache';
import { report } from '@pattern-press/diagnostics';
import { isBuilt, type Audience, type Publication } from '@pattern-press/format';
import { diagramFailures, diagramRenders, reportDiagramFailure, type DiagramRenders } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import { VFile } from 'vfile';
import type { Artifact } from '@pattern-press/emitter';
import type { SchedulePlan } from '@pattern-press/schedule';
import { downloadLinks, downloadsDocument } from './downloads.js';
import { assetPath, type HtmlContext, type RenderedMarkdown } from './html.js';
import { jsonBytes } from './json.js';
import { openApiDocument, type OpenApiExamples } from './openapi.js';
import { answersDocument, categoriesDocument, examDocument, glossaryDocument, graphDocument, indexDocument, moduleDocument } from './resources.js';
import { loadAllSchemas } from './schemas.js';
import { searchIndexDocument } from './search.js';

type Browser = Parameters<DiagramRenders['render']>[1];

export interface EmitApiOptions {
  /** Staging folder; the CLI swaps it into dist/api/. Files go to `<outDir>/v1/`. */
  outDir: string;
  /** .press-cache/: rendered diagrams are cached there by source hash. */
  cacheDir: string;
  /** When given, Mermaid diagrams in the HTML become inline SVG; without one they stay code blocks. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** The authoring timeline from the scheduling package, written as given to v1/schedule.json. */
  schedule?: SchedulePlan | undefined;
  /** The other outputs' artifacts (from their emitters), listed in downloads.json. Build those first. */
  artifacts?: readonly Artifact[] | undefined;
  /**
   * `learner` (default): nothing that gives an exam or a hidden test away (no
   * answers.json; module documents without the exam, hidden tests and
   * drivers). `instructor`: adds answers.json and the full canonical module.
   */
  audience?: Audience | undefined;
}

export interface EmitApiResult {
  /** Every file written, absolute, sorted. */
  files: string[];
  /** Content diagnostics, one VFile per module with problems. */
  problems: VFile[];
  /** Built modules whose HTML had to be rendered (in part), and those whose HTML came whole from the HTML cache (`<cacheDir>/html`). */
  html?: { rendered: number; reused: number };
}

/** The folder of rendered HTML inside the cache folder (shared with the SCORM player pages). */
const htmlCacheFolder = 'html';

interface HtmlMemo {
  /** Rendered Markdown by source: what the entry held, then what this build added. */
  rendered: Map<string, RenderedMarkdown>;
  /** The diagram lookups the entry's renders made (validated against this build's SVGs). */
  lookups: [string, string | null][];
  /** How many renders came from the entry. */
  stored: number;
}

/**
 * A module's rendered Markdown from the HTML cache: the entry of `key` (the
 * module document, the built modules, whether diagrams are shown, the code)
 * whose recorded diagram lookups still give the same SVGs; otherwise empty.
 */
async function readHtmlMemo(cache: FileCache, key: string, lookup: (source: string) => string | undefined): Promise<HtmlMemo> {
  const text = await cache.readText(key);
  if (text !== undefined) {
    try {
      const entry = JSON.parse(text) as { lookups?: unknown; rendered?: unknown };
      const valid =
        Array.isArray(entry.rendered) &&
        entry.rendered.every((item) => Array.isArray(item) && typeof item[0] === 'string' && typeof item[1]?.html === 'string' && Array.isArray(item[1]?.assets)) &&
        sameLookups(entry.lookups, lookup);
      if (valid) {
        const rendered = new Map(entry.rendered as [string, RenderedMarkdown][]);
        return { rendered, lookups: entry.lookups as [string, string | null][], stored: rendered.size };
      }
    } catch {
      // A damaged entry: render again.
    }
  }
  return { rendered: new Map(), lookups: [], stored: 0 };
}

function moduleFile(publication: Publication, module: PatternModule): VFile {
  return new VFile({ path: path.join(publication.root, module.slug, 'module.md') });
}

type WithExam = PatternModule & { exam: NonNullable<PatternModule['exam']> };

function hasExam(module: PatternModule): module is WithExam {
  return module.exam !== undefined;
}

/** SVGs of every diagram of the built modules (one render per unique source); failures reported unless another output did, the diagram left as code. */
async function renderDiagrams(publication: Publication, built: readonly PatternModule[], options: EmitApiOptions, problems: Map<string, VFile>) {
  const svgs = new Map<string, string>();
  if (!options.browser) return svgs;
  const diagrams = options.diagrams ?? diagramRenders(path.join(options.cacheDir, 'mermaid'));
  const results = await diagrams.render(built, options.browser);
  for (const failure of diagrams.unreported(diagramFailures(built, results))) {
    const module = built.find((candidate) => candidate.slug === failure.slug)!;
    const file = problems.get(module.slug) ?? moduleFile(publication, module);
    problems.set(module.slug, file);
    reportDiagramFailure(file, failure);
  }
  for (const [source, result] of results) if (result.svg !== undefined) svgs.set(source, result.svg);
  return svgs;
}

/**
 * Writes the static JSON API of a publication to `<outDir>/v1/`: the index,
 * per built module its document and exam (and for the instructor audience
 * its answers), the assets its HTML shows, the categories, graph, search
 * index, downloads, the schedule when given, and the OpenAPI document of
 * exactly these files. Same input, same bytes.
 */
export async function emitApi(publication: Publication, options: EmitApiOptions): Promise<EmitApiResult> {
  const root = path.join(options.outDir, 'v1');
  const files: string[] = [];
  const write = async (relative: string, value: unknown) => {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, jsonBytes(value));
    files.push(file);
  };
  const problems = new Map<string, VFile>();
  const built = publication.modules.filter(isBuilt);
  const builtSlugs = new Set(built.map((module) => module.slug));
  const svgs = await renderDiagrams(publication, built, options, problems);
  const withSchedule = options.schedule !== undefined;

  const audience = options.audience ?? 'learner';
  // Each module's rendered HTML by content hash: an edit renders only the edited module's HTML again.
  const htmlCache = openFileCache(path.join(options.cacheDir, htmlCacheFolder), { extension: '.json' });
  const code = await codeFingerprint(import.meta.url);
  const builtList = [...builtSlugs].sort();
  const html = { rendered: 0, reused: 0 };
  // The first of each kind of document, trimmed, becomes the OpenAPI document's example.
  const examples: OpenApiExamples = {};
  const downloads = downloadsDocument(publication, options.artifacts ?? []);
  examples.index = indexDocument(publication, downloadLinks(downloads), withSchedule, audience);
  await write('index.json', examples.index);
  for (const module of built) {
    const lookup = (source: string) => (options.browser ? svgs.get(source) : undefined);
    const recorder = new LookupRecorder(lookup);
    const htmlKey = cacheKey('api-module-html', code, module, builtList, options.browser !== undefined, publication.library.references);
    const memo = await readHtmlMemo(htmlCache, htmlKey, lookup);
    const context: HtmlContext = { diagram: options.browser ? recorder.get : undefined, built: builtSlugs, assets: new Set(), library: publication.library, rendered: memo.rendered };
    const document = moduleDocument(module, context, audience);
    examples.module ??= document;
    await write(`modules/${module.slug}.json`, document);
    if (hasExam(module)) {
      const exam = examDocument(module, context, audience);
      examples.exam ??= exam;
      await write(`modules/${module.slug}/exam.json`, exam);
      // Answers only for instructors: rendering them would also publish the assets only they show.
      if (audience === 'instructor') {
        const answers = answersDocument(module, context);
        examples.answers ??= answers;
        await write(`modules/${module.slug}/answers.json`, answers);
      }
    }
    for (const asset of [...context.assets].sort()) {
      const copied = await copyAsset(publication, module, asset, root);
      if (copied !== undefined) {
        files.push(copied);
        continue;
      }
      const file = problems.get(module.slug) ?? moduleFile(publication, module);
      problems.set(module.slug, file);
      const link = module.links.find((candidate) => assetPath(candidate.href.split('#')[0] ?? '') === asset);
      report(file, 'file-unreadable', `the asset ${asset} cannot be read, so the API links to a missing file`, { place: link?.position, severity: 'warning' });
    }
    if (memo.rendered.size > memo.stored) {
      html.rendered++;
      const lookups = new Map([...memo.lookups, ...recorder.record()]);
      await htmlCache.write(htmlKey, JSON.stringify({ lookups: [...lookups], rendered: [...memo.rendered] })).catch(() => undefined);
    } else html.reused++;
  }
  if (htmlCache.stats.stored > 0) {
    await pruneFileCache(htmlCache.dir, { maxBytes: megabytesFromEnv('PRESS_HTML_CACHE_MB', 256), maxAgeMs: 30 * 24 * 3600 * 1000 }).catch(() => undefined);
  }
  examples.categories = categoriesDocument(publication);
  await write('categories.json', examples.categories);
  examples.graph = graphDocument(publication);
  await write('graph.json', examples.graph);
  examples.glossary = glossaryDocument(publication);
  await write('glossary.json', examples.glossary);
  if (withSchedule) {
    examples.schedule = options.schedule;
    await write('schedule.json', options.schedule);
  }
  examples.searchIndex = searchIndexDocument(publication);
  await write('search-index.json', examples.searchIndex);
  examples.downloads = downloads;
  await write('downloads.json', downloads);
  const openapi = openApiDocument(loadAllSchemas(), {
    audience,
    withSchedule,
    withModules: built.length > 0,
    withExams: built.some(hasExam),
    exampleSlug: built[0]?.slug,
    examples,
  });
  await write('openapi.json', openapi);
  return { files: files.sort(), problems: [...problems.values()], html };
}

/** Writes an asset the module publishes into the API; undefined when the publication holds none by that path. */
async function copyAsset(publication: Publication, module: PatternModule, asset: string, root: string): Promise<string | undefined> {
  // The bytes come from the publication: read once, confined to the module folder, SVG sanitized.
  const published = publication.assets.get(module.slug)?.files.get(asset);
  if (!published) return undefined;
  const target = path.join(root, 'assets', module.slug, ...published.path.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, published.bytes);
  return target;
}
