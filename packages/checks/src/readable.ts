import type { Place } from '@pattern-press/diagnostics';
import type { Collection, ParsedModule } from '@pattern-press/format';
import type { PatternModule } from '@pattern-press/schema';

/** A module whose document validated against the schema: safe to read field by field. */
export interface ReadableModule {
  parsed: ParsedModule;
  document: PatternModule;
  at: (pointer: string) => Place | undefined;
}

export function readable(parsed: ParsedModule): ReadableModule | undefined {
  return parsed.schemaValid && parsed.document ? { parsed, document: parsed.document, at: (pointer: string) => parsed.pointers.lookup(pointer)?.value } : undefined;
}

export function readableModules(collection: Collection): ReadableModule[] {
  return collection.modules.flatMap((parsed) => readable(parsed) ?? []);
}
