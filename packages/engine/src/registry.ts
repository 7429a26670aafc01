import { apiEmitter } from '@pattern-press/api';
import type { Emitter } from '@pattern-press/emitter';
import { pdfEmitter } from '@pattern-press/pdf';
import { reportEmitter } from '@pattern-press/report';
import { scheduleEmitter } from '@pattern-press/schedule';
import { scormEmitter } from '@pattern-press/scorm';
import { slidesEmitter } from '@pattern-press/slides';
import { modulesEmitter } from './modules-emitter.js';

/**
 * Every output of `press build`, in the order they are listed (and their
 * artifacts appear in the API's downloads). Adding a format is one package
 * exporting an `Emitter` and one line here; the CLI's `--formats`, the turbo
 * tasks (checked by registry.test.ts) and the API's downloads follow.
 */
export const emitters: readonly Emitter[] = [
  modulesEmitter,
  scheduleEmitter,
  pdfEmitter,
  scormEmitter,
  slidesEmitter,
  reportEmitter,
  apiEmitter,
];

/** The registry's names: what `--formats` accepts. */
export function formatNames(registry: readonly Emitter[] = emitters): string[] {
  return registry.map((emitter) => emitter.name);
}
