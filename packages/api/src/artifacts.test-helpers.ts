import path from 'node:path';
import { artifactsOf, type Artifact } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { pdfEmitter } from '@pattern-press/pdf';
import { scormEmitter } from '@pattern-press/scorm';
import { slidesEmitter } from '@pattern-press/slides';

/**
 * The downloads under `dist` as the build hands them to the API: each output's
 * emitter names its own files (the engine's registry, which depends on this
 * package, lists these three before the API).
 */
export async function artifactsUnder(dist: string, publication: Publication): Promise<Artifact[]> {
  const artifacts: Artifact[] = [];
  for (const emitter of [pdfEmitter, scormEmitter, slidesEmitter]) artifacts.push(...(await artifactsOf(emitter, publication, path.join(dist, emitter.name))));
  return artifacts;
}
