import type { OutputCache } from '@pattern-press/cache';
import type { ModuleQuality } from '@pattern-press/checks';
import type { Audience, Collection, Publication } from '@pattern-press/format';
import type { DiagramRenders } from '@pattern-press/render';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import type { ArtifactKind } from './artifacts.js';

/** A file a person takes away (a PDF, a SCORM package, a deck): what the API's downloads list and `press serve` offer. */
export interface Artifact {
  /** The module it belongs to; undefined for the collection's own (the handbook, the course package). */
  module?: string | undefined;
  /** What it is for a reader: `pdf`, `epub`, `scorm-1.2`, `slides-html`, ... */
  format: string;
  mediaType: string;
  /** Path inside dist/, `/`-separated: `pdf/circuit-breaker.pdf`. */
  path: string;
  bytes: number;
  sha256: string;
}

/** Build-wide settings an emitter may read; each reads only its own. */
export interface EmitSettings {
  /** `learner` leaks no answers; `instructor` adds them. */
  audience: Audience;
  /** The timeline's status date (`--now`). */
  statusDate?: string | undefined;
  /** A saved timeline plan to show slip against (`--baseline`), as the schedule package reads it. */
  baseline?: unknown;
}

export interface EmitContext {
  /** A fresh folder: everything the emitter makes goes here; the engine swaps it into `dist/<name>`. */
  outDir: string;
  /** .press-cache/: content-hash caches shared by every output. */
  cacheDir: string;
  /** Shared by the build's emitters; present when the emitter declared `browser: true`. */
  browser?: Browser | undefined;
  /**
   * The build's diagrams, shared by its emitters: each is rendered once, and one
   * that cannot be drawn is reported once (by the first emitter that meets it).
   */
  diagrams?: DiagramRenders | undefined;
  /** This emitter's handle on the output cache (whole outputs copied when their inputs are unchanged). */
  outputCache?: OutputCache | undefined;
  /** The checked collection and its checklist state (the publication is made from it). */
  collection: Collection;
  quality: readonly ModuleQuality[];
  settings: EmitSettings;
  /** The results of the emitters named in `needs`, by name (made in this build, or read back from dist/). */
  results: ReadonlyMap<string, EmitResult>;
  /** With `readsArtifacts`: every other output's artifacts, in registry order. */
  artifacts: readonly Artifact[];
}

export interface EmitResult {
  /** How many files were written. */
  files: number;
  /** Content diagnostics, one VFile per source file that has any. */
  problems: VFile[];
  /** What emitters that need this one read from it (the schedule's plan). */
  value?: unknown;
  /** Outputs copied from the output cache and made anew, when the emitter uses it. */
  reused?: number;
  made?: number;
}

/**
 * A preview `press dev` keeps up to date from this output: remade for the
 * edited modules (or all of them) on every change, into a fresh folder that
 * replaces `<dev output>/<folder>` (or its edited modules' entries).
 */
export interface Preview {
  folder: string;
  /** A module's entry in the folder, removed when an edit leaves the module no longer built. */
  entryOf(slug: string): string;
  /** Chromium prints it: it runs beside the other previews, which share the other core. */
  prints?: boolean;
  /** It links every module (the API): remade whole on every change. */
  whole?: boolean;
  /** Writes the preview of `modules` (every built module when undefined) into `context.outDir`. */
  emit(
    publication: Publication,
    context: { outDir: string; cacheDir: string; browser: Browser; diagrams?: DiagramRenders | undefined },
    modules: ReadonlySet<string> | undefined,
  ): Promise<PreviewResult>;
}

export interface PreviewResult {
  files: number;
  problems: VFile[];
  /** Pieces made anew and taken from a content-hash store (the PDF's printed parts), when the preview has such a store: `press dev` reports them. */
  made?: number;
  reused?: number;
  /** Where its time went, step by step ("chapter-4-circuit-breaker 3.1 s in 5 prints"): `press dev` prints them after its own steps. */
  steps?: string[];
}

/** One output format of `press build`. */
export interface Emitter {
  /** Its folder under dist/ and its `--formats` name. */
  name: string;
  /** Emitters whose results it reads (made first, or read back from dist/ when not made now). */
  needs: readonly string[];
  /** It lists every other output's artifacts (the API's downloads), so it comes after all of them. */
  readsArtifacts?: boolean;
  /** It drives Chromium (one browser is launched for the build). */
  browser: boolean;
  emit(publication: Publication, context: EmitContext): Promise<EmitResult>;
  /**
   * Which files of its folder a person takes away, and as what (undefined:
   * a file that is part of one, or none). The engine lists them, measured and
   * hashed (`artifactsOf`), after `emit` and, when it is not made now, in dist/.
   */
  artifactKinds?(publication: Publication): (relative: string) => ArtifactKind | undefined;
  /**
   * The result of an earlier build in `folder` (its dist/ folder), for an emitter
   * that needs this one when it is not made now: the value computed again,
   * nothing written.
   */
  previous?(publication: Publication, folder: string, context: Omit<EmitContext, 'outDir' | 'results' | 'artifacts'>): Promise<EmitResult>;
  /** What `press dev` shows of this output, in the order it lists them. */
  previews?: readonly Preview[];
  /**
   * One module's own outputs alone (`press build --module`, a per-module
   * turbo task), made through `context.outputCache` exactly as `emit` makes
   * them, so a later whole build copies them from that cache. Whatever the
   * whole build assembles from the module (its handbook chapter) goes
   * through the same cache. Outputs with nothing per module leave it out.
   */
  emitModule?(publication: Publication, slug: string, context: ModuleEmitContext): Promise<{ files: number; problems: VFile[] }>;
}

/** What `emitModule` gets: a folder for the module's files, the caches, the browser and the build's settings. */
export type ModuleEmitContext = Omit<EmitContext, 'results' | 'artifacts'>;
