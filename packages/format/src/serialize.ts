import { relatedPlaces, report, type RuleId } from '@pattern-press/diagnostics';
import type { PatternModule } from '@pattern-press/schema';
import { VFile } from 'vfile';
import type { ParsedModule } from './parse-module.js';
import { PointerMap, type PointerPlace } from './pointers.js';

interface PlainPlace {
  line: number;
  column: number;
}

interface PlainMessage {
  reason: string;
  ruleId: string;
  fatal: boolean;
  place?: PlainPlace | undefined;
  note?: string | undefined;
  expected?: string[] | undefined;
  related: { path: string; place?: PlainPlace | undefined; reason: string }[];
}

/** A ParsedModule as plain data, for crossing a worker-thread boundary. */
export interface PlainParsedModule {
  path: string;
  document?: PatternModule | undefined;
  valid: boolean;
  schemaValid: boolean;
  pointers: [string, PointerPlace][];
  messages: PlainMessage[];
  fencesWithoutLanguage?: PlainPlace[] | undefined;
}

function plainPlace(place: unknown): PlainPlace | undefined {
  if (place && typeof place === 'object' && 'line' in place && 'column' in place) {
    return { line: Number(place.line), column: Number(place.column) };
  }
  return undefined;
}

export function toPlain(parsed: ParsedModule): PlainParsedModule {
  return {
    path: parsed.file.path,
    document: parsed.document,
    valid: parsed.valid,
    schemaValid: parsed.schemaValid,
    pointers: parsed.pointers.entries(),
    fencesWithoutLanguage: parsed.fencesWithoutLanguage,
    messages: parsed.file.messages.map((message) => ({
      reason: message.reason,
      ruleId: message.ruleId ?? 'internal-error',
      fatal: message.fatal === true,
      place: plainPlace(message.place),
      note: message.note,
      expected: message.expected,
      related: relatedPlaces(message).map((related) => ({ path: related.file ?? '', place: plainPlace(related.place), reason: related.reason })),
    })),
  };
}

export function fromPlain(plain: PlainParsedModule, value: string | Uint8Array): ParsedModule {
  const file = new VFile({ path: plain.path, value });
  for (const message of plain.messages) {
    report(file, message.ruleId as RuleId, message.reason, {
      place: message.place,
      severity: message.fatal ? 'error' : 'warning',
      hint: message.note,
      expected: message.expected,
      cause: message.related.length > 0 ? message.related : undefined,
    });
  }
  const pointers = new PointerMap();
  for (const [pointer, place] of plain.pointers) pointers.set(pointer, place);
  const parsed: ParsedModule = { file, document: plain.document, valid: plain.valid, schemaValid: plain.schemaValid, pointers };
  if (plain.fencesWithoutLanguage) parsed.fencesWithoutLanguage = plain.fencesWithoutLanguage;
  return parsed;
}
