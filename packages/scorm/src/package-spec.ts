import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { highlightCss } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import { toNcName } from './xml.js';

/** One SCO: one module's player. */
export interface ScoSpec {
  slug: string;
  itemId: string;
  resourceId: string;
  title: string;
  description: string;
  minutes: number;
  /** Percent needed to pass; absent when the module has no exam (completion alone satisfies it). */
  passMark?: number | undefined;
  /** Launch file, relative to the package root. */
  launch: string;
  /** Every file of this SCO (launch included), relative to the package root. */
  files: string[];
  /** The SCOs of this package that must be satisfied first. */
  prerequisites: { itemId: string; objectiveTarget: string }[];
  /** Global objective this SCO's primary objective writes (2004 sequencing). */
  objectiveTarget: string;
}

/** Everything a manifest says, independent of the SCORM version. */
export interface PackageSpec {
  identifier: string;
  organizationId: string;
  title: string;
  description: string;
  keywords: string[];
  version: string;
  minutes: number;
  /** LOM lifecycle status: draft until every module in it is published. */
  final: boolean;
  scos: ScoSpec[];
  /** The player's shared files (CSS, JS), one asset resource. */
  shared: { resourceId: string; files: string[] };
}

export const playerFiles = ['player/player.css', 'player/player.js', 'player/glossary.js'] as const;

const assetsDir = fileURLToPath(new URL('../assets/', import.meta.url));

/** The code highlighting theme: highlight.js's a11y-light, whose colours keep WCAG AA contrast (github's do not). */
export const highlightTheme = 'a11y-light';

/** The shared player files every package (and the preview) carries: player.css followed by the code highlighting theme, and player.js. */
export async function playerFileEntries(): Promise<Map<string, Buffer>> {
  return new Map<string, Buffer>([
    [playerFiles[0], Buffer.from(`${await readFile(path.join(assetsDir, 'player.css'), 'utf8')}\n/* highlight.js theme */\n${highlightCss(highlightTheme)}`)],
    [playerFiles[1], await readFile(path.join(assetsDir, 'player.js'))],
    [playerFiles[2], await readFile(path.join(assetsDir, 'glossary.js'))],
  ]);
}
export const sharedResourceId = 'RES-player';

/** The title an LMS shows: unpublished modules say they are review copies, with their status. */
export function scoTitle(module: PatternModule): string {
  return module.status === 'published' ? module.title : `${module.title} (review copy, status: ${module.status})`;
}

export function objectiveTarget(slug: string): string {
  return `urn:pattern-press:module:${slug}`;
}

/** Files of one module's SCO: its page plus its assets. */
export function scoFiles(module: PatternModule, assets: readonly string[]): string[] {
  return [`${module.slug}/index.html`, ...assets.map((asset) => `${module.slug}/${asset}`)].sort();
}

function toSco(module: PatternModule, inPackage: ReadonlySet<string>, assets: readonly string[]): ScoSpec {
  return {
    slug: module.slug,
    itemId: toNcName(`ITEM-${module.slug}`),
    resourceId: toNcName(`RES-${module.slug}`),
    title: scoTitle(module),
    description: module.tagline,
    minutes: module.duration,
    passMark: module.exam?.pass_mark,
    launch: `${module.slug}/index.html`,
    files: scoFiles(module, assets),
    // Only dependencies that are themselves in the package can gate it: an LMS cannot wait for a module it never sees.
    prerequisites: module.depends_on.filter((slug) => inPackage.has(slug)).map((slug) => ({ itemId: toNcName(`ITEM-${slug}`), objectiveTarget: objectiveTarget(slug) })),
    objectiveTarget: objectiveTarget(module.slug),
  };
}

function keywordsOf(modules: readonly PatternModule[]): string[] {
  const words = new Set<string>();
  for (const module of modules) {
    words.add(module.title);
    words.add(module.category);
    for (const example of module.real_examples) words.add(example);
  }
  return [...words];
}

/** The package of one module: one SCO. */
export function toModulePackageSpec(module: PatternModule, assets: readonly string[] = []): PackageSpec {
  const sco = toSco(module, new Set([module.slug]), assets);
  return {
    identifier: toNcName(`MANIFEST-${module.slug}`),
    organizationId: toNcName(`ORG-${module.slug}`),
    title: sco.title,
    description: `${module.tagline}. ${module.outcomes.map((outcome) => outcome.text).join('; ')}.`,
    keywords: keywordsOf([module]),
    version: module.version,
    minutes: module.duration,
    final: module.status === 'published',
    scos: [sco],
    shared: { resourceId: sharedResourceId, files: [...playerFiles] },
  };
}

/** The course: one SCO per module, in the given (catalog) order. */
export function toCoursePackageSpec(modules: readonly PatternModule[], assets: ReadonlyMap<string, readonly string[]> = new Map()): PackageSpec {
  const slugs = new Set(modules.map((module) => module.slug));
  const allPublished = modules.every((module) => module.status === 'published');
  return {
    identifier: 'MANIFEST-course',
    organizationId: 'ORG-course',
    title: allPublished ? 'Distributed-System Patterns' : 'Distributed-System Patterns (contains review copies)',
    description: `A course of ${modules.length} module${modules.length === 1 ? '' : 's'}: ${modules.map((module) => module.title).join(', ')}.`,
    keywords: keywordsOf(modules),
    version: '1.0.0',
    minutes: modules.reduce((sum, module) => sum + module.duration, 0),
    final: allPublished,
    scos: modules.map((module) => toSco(module, slugs, assets.get(module.slug) ?? [])),
    shared: { resourceId: sharedResourceId, files: [...playerFiles] },
  };
}
