import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { report } from '@pattern-press/diagnostics';
import { assetsDigest, isBuilt, type Publication } from '@pattern-press/format';
import { cacheKey, codeFingerprint, restoreEach, type OutputCache } from '@pattern-press/cache';
import { contentDate, writeZip } from '@pattern-press/output-files';
import { chromiumVersion, type DiagramRenders } from '@pattern-press/render';
import type { PatternModule, Question } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { collectAssets, type ScoAssets } from './assets.js';
import { diagramsFor, moduleSvgs } from './diagrams.js';
import { glossaryOptions } from './glossary-page.js';
import { lintManifest } from './lint.js';
import { toScorm12Manifest } from './manifest12.js';
import { toScorm2004Manifest } from './manifest2004.js';
import { playerFileEntries, toCoursePackageSpec, toModulePackageSpec, type PackageSpec } from './package-spec.js';
import { openPlayerHtmlCache, playerHtml, type PlayerHtmlCache } from './page-cache.js';
import { schemaDir, schemaFiles, type ScormVersion } from './schemas.js';

export interface EmitScormOptions {
  /** Staging folder: zips are written here. */
  outDir: string;
  /** Content-hash caches (rendered diagrams go to `<cacheDir>/mermaid`). */
  cacheDir: string;
  /** The build's shared Chromium; without one, a browser is started and closed when diagrams need rendering. */
  browser?: Browser | undefined;
  /** The build's diagram service, shared by its outputs (a diagram that cannot be drawn is reported once); default: this call's own. */
  diagrams?: DiagramRenders | undefined;
  /** Finished packages by content hash: unchanged packages are copied from it, new ones stored in it. */
  outputCache?: OutputCache | undefined;
  /** Only these modules' own packages, and no course package (default: every built module's and the course's). */
  modules?: ReadonlySet<string> | undefined;
}

export interface EmitScormResult {
  /** Zips written, absolute paths, in the order written. */
  files: string[];
  /** Content problems, one VFile per module that has any. */
  problems: VFile[];
  /** Player pages (one per module and SCORM version) rendered, and taken from the page cache (`<cacheDir>/html`). */
  pages?: { rendered: number; reused: number };
}

export const versions: readonly ScormVersion[] = ['1.2', '2004'];

/** Zip file name of a package: `<slug>-scorm12.zip`, `course-scorm2004.zip`. */
export function zipName(name: string, version: ScormVersion): string {
  return `${name}-scorm${version === '1.2' ? '12' : '2004'}.zip`;
}

/** SCORM 1.2 records choices as single characters (a-z, 0-9): at most 36 options per question. */
export const scorm12MaxOptions = 36;

function optionCount(question: Question): number {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.answer.choices.length;
    case 'ordering':
      return question.answer.items.length;
    case 'matching':
      return Math.max(question.answer.sources.length, question.answer.targets.length);
    case 'sequence':
      return question.answer.states.length;
    case 'numeric':
      return 0;
  }
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
  const built = publication.modules.filter(isBuilt);
  const vfiles = new Map(built.map((module) => [module.slug, new VFile({ path: path.join(publication.root, module.slug, 'module.md') })]));
  const files: string[] = [];
  if (built.length === 0) return { files, problems: [] };

  const cache = options.outputCache;
  const date = await contentDate(publication);
  const allKeys = cache ? await packageKeys(publication, built, date) : new Map<string, string>();
  // One module's packages alone: keyed as in the whole build, so the whole build copies them.
  const keys = options.modules ? new Map([...allKeys].filter(([name]) => options.modules!.has(name))) : allKeys;
  const { restored, files: copied } = await restoreEach(cache, keys, options.outDir);
  files.push(...copied.map((file) => path.join(options.outDir, file)));
  const withCourse = options.modules === undefined && !restored.has('course');
  // The course package holds every module's SCO: when it must be made, so must every module's player pages.
  const modules = withCourse ? built : built.filter((module) => (options.modules?.has(module.slug) ?? true) && !restored.has(module.slug));
  if (modules.length === 0) return { files, problems: [], pages: { rendered: 0, reused: 0 } };

  const { svgs, broken } = await moduleSvgs(modules, vfiles, diagramsFor(options), options.browser);

  for (const module of modules) reportOptionLimits(module, vfiles.get(module.slug)!);

  const assets = new Map<string, ScoAssets>();
  for (const module of modules) assets.set(module.slug, collectAssets(module, publication, vfiles.get(module.slug)!));
  const shared = await playerFileEntries();

  // Terms as the built modules define them: a module's player lists and links the ones it defines or uses.
  const glossaryOf = glossaryOptions(built);
  const markdownCaches = new Map(modules.map((module) => [module.slug, new Map<string, string>()]));
  // Each module's page by content hash: when only the course must be remade (one module edited), the other modules' pages are not rendered again.
  const pageCache: PlayerHtmlCache = await openPlayerHtmlCache(options.cacheDir, { reuse: cache?.reuse ?? true });
  for (const version of versions) {
    const schemas = await schemaEntries(version);
    const scoEntries = new Map<string, Map<string, Buffer>>();
    for (const module of modules) {
      const moduleAssets = assets.get(module.slug)!;
      const html = await playerHtml(
        pageCache,
        module,
        {
          version,
          diagrams: svgs,
          playerBase: '../player/',
          library: publication.library,
          assetUrl: (url) => moduleAssets.urls.get(url),
          markdownCache: markdownCaches.get(module.slug)!,
          ...glossaryOf(module),
        },
        moduleAssets.urls,
      );
      const entries = new Map<string, Buffer>([[`${module.slug}/index.html`, Buffer.from(html)]]);
      for (const [name, bytes] of moduleAssets.files) entries.set(`${module.slug}/${name}`, bytes);
      scoEntries.set(module.slug, entries);
    }
    const packages: { name: string; spec: PackageSpec; slugs: string[] }[] = [
      ...modules
        .filter((module) => !restored.has(module.slug))
        .map((module) => ({ name: module.slug, spec: toModulePackageSpec(module, [...assets.get(module.slug)!.files.keys()]), slugs: [module.slug] })),
      ...(!withCourse
        ? []
        : [
            {
              name: 'course',
              spec: toCoursePackageSpec(modules, new Map(modules.map((module) => [module.slug, [...assets.get(module.slug)!.files.keys()]]))),
              slugs: modules.map((module) => module.slug),
            },
          ]),
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
      await writeZip(outPath, entries, date);
      files.push(outPath);
    }
  }
  if (cache) {
    // A package with diagnostics (or a diagram another output reported) is made again next time, so its messages are reported again rather than lost in a cache hit.
    const clean = (slug: string) => vfiles.get(slug)!.messages.length === 0 && !broken.has(slug);
    for (const [name, key] of keys) {
      if (restored.has(name)) continue;
      const slugs = name === 'course' ? built.map((module) => module.slug) : [name];
      if (slugs.every(clean))
        await cache.store(
          key,
          options.outDir,
          versions.map((version) => zipName(name, version)),
        );
    }
  }
  await pageCache.prune();
  return { files, problems: [...vfiles.values()].filter((file) => file.messages.length > 0), pages: pageCache.stats };
}

/**
 * The cache key of each package (`<slug>` or `course`, both versions in one
 * entry): the modules it holds, their assets (images and files they ship),
 * the library (citations), the date its entries carry and the code and Chromium that make it.
 */
async function packageKeys(publication: Publication, modules: readonly PatternModule[], date: Date): Promise<Map<string, string>> {
  const code = cacheKey(await codeFingerprint(import.meta.url), await chromiumVersion());
  // A module's glossary page shows terms other modules define (and names those modules).
  const glossaryOf = glossaryOptions(modules);
  const keyOf = (members: readonly PatternModule[]) =>
    cacheKey(
      'scorm',
      code,
      date.getTime(),
      members,
      members.map((module) => assetsDigest(publication, module.slug)),
      members.map((module) => glossaryOf(module).glossary),
      publication.library.references,
    );
  return new Map([...modules.map((module) => [module.slug, keyOf([module])] as const), ['course', keyOf(modules)] as const]);
}
