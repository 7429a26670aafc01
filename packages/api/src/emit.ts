import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { report } from '@pattern-press/diagnostics';
import { isBuilt, type Publication } from '@pattern-press/format';
import { renderMermaid } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import { VFile } from 'vfile';
import { downloadLinks, downloadsDocument } from './downloads.js';
import { assetPath, type HtmlContext } from './html.js';
import { jsonBytes } from './json.js';
import { openApiDocument } from './openapi.js';
import { answersDocument, categoriesDocument, examDocument, graphDocument, indexDocument, moduleDocument } from './resources.js';
import { loadAllSchemas } from './schemas.js';
import { searchIndexDocument } from './search.js';

type Browser = Parameters<typeof renderMermaid>[0];

export interface EmitApiOptions {
  /** Staging folder; the CLI swaps it into dist/api/. Files go to `<outDir>/v1/`. */
  outDir: string;
  /** .press-cache/: rendered diagrams are cached there by source hash. */
  cacheDir: string;
  /** When given, Mermaid diagrams in the HTML become inline SVG; without one they stay code blocks. */
  browser?: Browser | undefined;
  /** The authoring timeline from the scheduling package, written as given to v1/schedule.json. */
  schedule?: unknown;
  /** dist/: its pdf/, scorm/ and slides/ folders are listed in downloads.json. Build those first. */
  artifactsRoot?: string | undefined;
}

export interface EmitApiResult {
  /** Every file written, absolute, sorted. */
  files: string[];
  /** Content diagnostics, one VFile per module with problems. */
  problems: VFile[];
}

function moduleFile(publication: Publication, module: PatternModule): VFile {
  return new VFile({ path: path.join(publication.root, module.slug, 'module.md') });
}

type WithExam = PatternModule & { exam: NonNullable<PatternModule['exam']> };

function hasExam(module: PatternModule): module is WithExam {
  return module.exam !== undefined;
}

function diagramSources(modules: readonly PatternModule[]): string[] {
  return modules.flatMap((module) => [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])].map((diagram) => diagram.source));
}

/** SVGs of every diagram of the built modules (one render per unique source); failures reported, the diagram left as code. */
async function renderDiagrams(publication: Publication, built: readonly PatternModule[], options: EmitApiOptions, problems: Map<string, VFile>) {
  const svgs = new Map<string, string>();
  if (!options.browser) return svgs;
  const results = await renderMermaid(options.browser, diagramSources(built), { cacheDir: path.join(options.cacheDir, 'mermaid') });
  for (const module of built) {
    for (const diagram of [...module.blocks.flatMap((block) => block.diagrams), ...(module.challenge?.diagrams ?? [])]) {
      const result = results.get(diagram.source);
      if (result?.svg !== undefined) {
        svgs.set(diagram.source, result.svg);
        continue;
      }
      const file = problems.get(module.slug) ?? moduleFile(publication, module);
      problems.set(module.slug, file);
      report(file, 'diagram-invalid', `the ${diagram.kind} diagram does not render: ${result?.error ?? 'no result'}`, {
        place: diagram.position,
        severity: 'warning',
        hint: 'the API shows it as a code block; fix the Mermaid source',
      });
    }
  }
  return svgs;
}

/**
 * Writes the static JSON API of a publication to `<outDir>/v1/`: the index,
 * per built module its document, exam and answers, the categories, graph,
 * search index, downloads, the schedule when given, and the OpenAPI document.
 * Same input, same bytes.
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

  const downloads = await downloadsDocument(publication, options.artifactsRoot);
  await write('index.json', indexDocument(publication, downloadLinks(downloads), withSchedule));
  for (const module of built) {
    const context: HtmlContext = { diagram: options.browser ? (source) => svgs.get(source) : undefined, built: builtSlugs, assets: new Set() };
    await write(`modules/${module.slug}.json`, moduleDocument(module, context));
    if (hasExam(module)) {
      await write(`modules/${module.slug}/exam.json`, examDocument(module, context));
      await write(`modules/${module.slug}/answers.json`, answersDocument(module, context));
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
  }
  await write('categories.json', categoriesDocument(publication));
  await write('graph.json', graphDocument(publication));
  if (withSchedule) await write('schedule.json', options.schedule);
  await write('search-index.json', searchIndexDocument(publication));
  await write('downloads.json', downloads);
  await write('openapi.json', openApiDocument(loadAllSchemas(), { withSchedule, exampleSlug: built[0]?.slug }));
  return { files: files.sort(), problems: [...problems.values()] };
}

/** Copies an asset beside module.md into the API; undefined when it cannot be read. */
async function copyAsset(publication: Publication, module: PatternModule, asset: string, root: string): Promise<string | undefined> {
  // assetPath() already refused anything leaving the module folder; this re-checks the joined path.
  const safe = assetPath(asset);
  const moduleDir = path.join(publication.root, module.slug);
  const source = path.join(moduleDir, safe ?? '');
  if (safe === undefined || !source.startsWith(moduleDir + path.sep)) throw new Error(`asset path escapes ${moduleDir}: ${asset}`);
  const target = path.join(root, 'assets', module.slug, safe);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await copyFile(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
  return target;
}
