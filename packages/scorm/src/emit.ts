import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from '@pattern-press/diagnostics';
import { isBuilt, type Publication } from '@pattern-press/format';
import { highlightCss } from '@pattern-press/render';
import type { AnswerMatching, AnswerOrdering, AnswerSequence, AnswerSingle, PatternModule, Question } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { collectAssets, type ModuleAssets } from './assets.js';
import { diagramsOf, renderDiagrams, withStableSvgIds } from './diagrams.js';
import { lintManifest } from './lint.js';
import { toScorm12Manifest } from './manifest12.js';
import { toScorm2004Manifest } from './manifest2004.js';
import { playerFiles, toCoursePackageSpec, toModulePackageSpec, type PackageSpec } from './package-spec.js';
import { toPlayerHtml } from './player-html.js';
import { schemaDir, schemaFiles, type ScormVersion } from './schemas.js';
import { writeDeterministicZip } from './zip.js';

export interface EmitScormOptions {
  /** Staging folder: zips are written here. */
  outDir: string;
  /** Content-hash caches (rendered diagrams go to `<cacheDir>/mermaid`). */
  cacheDir: string;
  /** The build's shared Chromium; without one, a browser is started and closed when diagrams need rendering. */
  browser?: Browser | undefined;
}

export interface EmitScormResult {
  /** Zips written, absolute paths, in the order written. */
  files: string[];
  /** Content problems, one VFile per module that has any. */
  problems: VFile[];
}

export const versions: readonly ScormVersion[] = ['1.2', '2004'];

/** Zip file name of a package: `<slug>-scorm12.zip`, `course-scorm2004.zip`. */
export function zipName(name: string, version: ScormVersion): string {
  return `${name}-scorm${version === '1.2' ? '12' : '2004'}.zip`;
}

const assetsDir = fileURLToPath(new URL('../assets/', import.meta.url));

/** SCORM 1.2 records choices as single characters (a-z, 0-9): at most 36 options per question. */
export const scorm12MaxOptions = 36;

function optionCount(question: Question): number {
  const answer = question.answer as Partial<AnswerSingle & AnswerOrdering & AnswerMatching & AnswerSequence>;
  return Math.max(answer.choices?.length ?? 0, answer.items?.length ?? 0, answer.sources?.length ?? 0, answer.targets?.length ?? 0, answer.states?.length ?? 0);
}

function reportOptionLimits(module: PatternModule, file: VFile): void {
  for (const question of module.exam?.questions ?? []) {
    const count = optionCount(question);
    if (count > scorm12MaxOptions) {
      report(file, 'scorm-option-limit', `Question ${question.id} has ${count} options; SCORM 1.2 can record at most ${scorm12MaxOptions}, so its 1.2 interaction records will be incomplete.`, {
        place: question.position,
        severity: 'warning',
        hint: 'Split the question, or accept that 1.2 LMS reports show only the first 36 options.',
      });
    }
  }
}

function manifestOf(spec: PackageSpec, version: ScormVersion): string {
  return version === '1.2' ? toScorm12Manifest(spec) : toScorm2004Manifest(spec);
}

async function schemaEntries(version: ScormVersion): Promise<Map<string, Buffer>> {
  const dir = schemaDir(version);
  const entries = new Map<string, Buffer>();
  for (const name of schemaFiles(version)) entries.set(name, await readFile(path.join(dir, name)));
  return entries;
}

/**
 * Writes `<slug>-scorm12.zip` and `<slug>-scorm2004.zip` for every built module,
 * and `course-scorm12.zip` / `course-scorm2004.zip` with one SCO per built module.
 */
export async function emitScorm(publication: Publication, options: EmitScormOptions): Promise<EmitScormResult> {
  const modules = publication.modules.filter(isBuilt);
  const vfiles = new Map(modules.map((module) => [module.slug, new VFile({ path: path.join(publication.root, module.slug, 'module.md') })]));
  const files: string[] = [];
  if (modules.length === 0) return { files, problems: [] };

  const diagrams = diagramsOf(modules);
  const rendered = await renderDiagrams(
    diagrams.map(({ diagram }) => diagram.source),
    path.join(options.cacheDir, 'mermaid'),
    options.browser,
  );
  const svgs = new Map<string, string>();
  for (const { module, diagram } of diagrams) {
    const result = rendered.get(diagram.source);
    if (result?.svg !== undefined) {
      svgs.set(diagram.source, withStableSvgIds(result.svg, diagram.id));
    } else {
      report(vfiles.get(module.slug)!, 'diagram-invalid', `The Mermaid diagram does not render: ${result?.error ?? 'unknown error'}`, {
        place: diagram.position,
        hint: 'Fix the Mermaid syntax here; until then the SCORM player shows the diagram as code.',
      });
    }
  }

  for (const module of modules) reportOptionLimits(module, vfiles.get(module.slug)!);

  const assets = new Map<string, ModuleAssets>();
  for (const module of modules) assets.set(module.slug, await collectAssets(module, publication.root, vfiles.get(module.slug)!));
  const css = Buffer.from(`${await readFile(path.join(assetsDir, 'player.css'), 'utf8')}\n/* highlight.js theme */\n${highlightCss()}`);
  const js = await readFile(path.join(assetsDir, 'player.js'));
  const shared = new Map<string, Buffer>([
    [playerFiles[0], css],
    [playerFiles[1], js],
  ]);

  const markdownCaches = new Map(modules.map((module) => [module.slug, new Map<string, string>()]));
  for (const version of versions) {
    const schemas = await schemaEntries(version);
    const scoEntries = new Map<string, Map<string, Buffer>>();
    for (const module of modules) {
      const moduleAssets = assets.get(module.slug)!;
      const html = toPlayerHtml(module, {
        version,
        diagrams: svgs,
        playerBase: '../player/',
        library: publication.library,
        assetUrl: (url) => moduleAssets.urls.get(url),
        markdownCache: markdownCaches.get(module.slug)!,
      });
      const entries = new Map<string, Buffer>([[`${module.slug}/index.html`, Buffer.from(html)]]);
      for (const [name, bytes] of moduleAssets.files) entries.set(`${module.slug}/${name}`, bytes);
      scoEntries.set(module.slug, entries);
    }
    const packages: { name: string; spec: PackageSpec; slugs: string[] }[] = [
      ...modules.map((module) => ({ name: module.slug, spec: toModulePackageSpec(module, [...assets.get(module.slug)!.files.keys()]), slugs: [module.slug] })),
      {
        name: 'course',
        spec: toCoursePackageSpec(modules, new Map(modules.map((module) => [module.slug, [...assets.get(module.slug)!.files.keys()]]))),
        slugs: modules.map((module) => module.slug),
      },
    ];
    for (const pkg of packages) {
      const manifest = manifestOf(pkg.spec, version);
      const entries = new Map<string, Buffer>([['imsmanifest.xml', Buffer.from(manifest)], ...schemas, ...shared]);
      for (const slug of pkg.slugs) for (const [name, bytes] of scoEntries.get(slug)!) entries.set(name, bytes);
      const problems = lintManifest(manifest, { version, files: [...entries.keys()] });
      if (problems.length > 0) {
        throw new Error(`internal error: the SCORM ${version} manifest of ${pkg.name} fails its lint:\n${problems.map((problem) => `  ${problem.rule}: ${problem.message}`).join('\n')}`);
      }
      const outPath = path.join(options.outDir, zipName(pkg.name, version));
      await writeDeterministicZip(outPath, entries);
      files.push(outPath);
    }
  }
  return { files, problems: [...vfiles.values()].filter((file) => file.messages.length > 0) };
}
