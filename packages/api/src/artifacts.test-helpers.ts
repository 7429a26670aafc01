import path from 'node:path';
import type { Artifact } from '@pattern-press/emitter';
import type { Publication } from '@pattern-press/format';
import { pdfArtifactsIn } from '@pattern-press/pdf';
import { scormArtifactsIn } from '@pattern-press/scorm';
import { slidesArtifactsIn } from '@pattern-press/slides';

/** The downloads under `dist` as the build hands them to the API: each output's emitter names its own files. */
export async function artifactsUnder(dist: string, publication: Publication): Promise<Artifact[]> {
  return [
    ...(await pdfArtifactsIn(path.join(dist, 'pdf'), publication)),
    ...(await scormArtifactsIn(path.join(dist, 'scorm'), publication)),
    ...(await slidesArtifactsIn(path.join(dist, 'slides'), publication)),
  ];
}
