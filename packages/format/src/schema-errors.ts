import { didYouMean, report, type RuleId } from '@pattern-press/diagnostics';
import { definitionName, type ErrorObject } from '@pattern-press/schema';
import type { VFile } from 'vfile';
import { joinPointer, unescapePointerSegment, type PointerMap } from './pointers.js';

/** Names for the schema's patterns, so a message says "not a valid slug" rather than a regular expression. */
const patternNames: Record<string, string> = {
  slug: 'slug: lowercase letters and digits in words joined by -, e.g. `circuit-breaker`',
  id: 'id: a letter, then letters, digits, - or _',
  personId: 'team member id: lowercase, e.g. `author-a`',
  version: 'version: semantic version such as `1.2.0`',
};

/** How to add what is missing, by `$defs` name and key: the body's structure is written as directives, not keys. */
const requiredHints: Record<string, string> = {
  'block.id': 'write `::::block{#name minutes=25}`',
  'block.minutes': 'write `::::block{#name minutes=25}`',
  'challenge.minutes': 'write `::::challenge{minutes=20}`',
  'codeExample.id': 'write `:::code{#name}`',
  'codeExample.language': 'give the fence a language: ```python',
  'codeExample.source': 'put a code fence inside the `:::code`',
  'question.id': 'write `::::question{#name type=single outcomes="a b"}`',
  'question.type': 'write `::::question{#name type=single outcomes="a b"}`',
  'question.model_answer': 'add a `:::model-answer` inside the question',
  'question.insights': 'add a `:::insights` list inside the question',
  'question.implications': 'add a `:::implications` list inside the question',
  'exam.pass_mark': 'add `pass_mark: 80` (a percentage) to the front matter',
};

/** The `$defs` entry an error's schema path is in ('' for the root). */
export function definitionOf(error: ErrorObject): string {
  return definitionName(error.parentSchema);
}

export interface SchemaErrorOptions {
  /** Pointers whose errors were already reported with a more specific rule, or belong to another file. */
  skip?: (pointer: string, error: ErrorObject) => boolean;
}

/**
 * Reports ajv errors on `file` at the place of the offending value (or key,
 * for unknown keys), one diagnostic per distinct problem.
 */
export function reportSchemaErrors(file: VFile, errors: ErrorObject[], pointers: PointerMap, options: SchemaErrorOptions = {}): void {
  const seen = new Set<string>();
  for (const error of errors) {
    // Wrappers only repeat what their inner errors say (a question's unknown `type` is the enum error).
    if (['if', 'anyOf', 'oneOf', 'discriminator'].includes(error.keyword)) continue;
    const described = describe(error);
    if (options.skip?.(described.pointer, error)) continue;
    const dedupeKey = `${described.pointer}\u0000${described.rule}\u0000${described.reason}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const place = pointers.lookup(described.pointer);
    const at = described.atKey ? (pointers.get(described.pointer)?.key ?? place?.value) : place?.value;
    report(file, described.rule, described.reason, { place: at, hint: described.hint, expected: described.expected });
  }
}

interface Described {
  pointer: string;
  rule: RuleId;
  reason: string;
  hint?: string | undefined;
  expected?: string[] | undefined;
  atKey?: boolean;
}

function keyName(pointer: string): string {
  const segments = pointer.split('/').slice(1).map(unescapePointerSegment);
  const named = segments.filter((s) => !/^\d+$/.test(s));
  const last = segments.at(-1);
  if (last === undefined) return 'the document';
  if (/^\d+$/.test(last)) return `item ${Number(last) + 1} of \`${named.at(-1) ?? 'the list'}\``;
  return `\`${last}\``;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

function describe(error: ErrorObject): Described {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        pointer: joinPointer(pointer, key),
        rule: 'schema-unknown-key',
        reason: `unknown key \`${key}\`${pointer ? ` in ${keyName(pointer)}` : ''}`,
        hint: didYouMean(key, known),
        expected: known,
        atKey: true,
      };
    }
    case 'required':
      return {
        pointer,
        rule: 'schema-required',
        reason: `missing required key \`${String(params.missingProperty)}\`${pointer ? ` in ${keyName(pointer)}` : ''}`,
        hint: requiredHints[`${definitionOf(error)}.${String(params.missingProperty)}`],
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        pointer,
        rule: 'schema-enum',
        reason: `${show(error.data)} is not a valid ${keyName(pointer)}: use one of ${allowed.map((a) => `\`${a}\``).join(', ')}`,
        hint: typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined,
        expected: allowed,
      };
    }
    case 'const':
      return { pointer, rule: 'schema-enum', reason: `${keyName(pointer)} must be ${show(params.allowedValue)}` };
    case 'type':
      return {
        pointer,
        rule: 'schema-type',
        reason: `${keyName(pointer)} must be ${article(String(params.type))}, not ${typeOf(error.data)}${
          error.data !== null && typeof error.data !== 'object' ? ` (${show(error.data)})` : ''
        }`,
      };
    case 'format':
      return { pointer, rule: 'schema-format', reason: `${show(error.data)} is not a valid ${params.format === 'date' ? 'date (YYYY-MM-DD)' : String(params.format)}` };
    case 'pattern': {
      const def = definitionOf(error) || (pointer.endsWith('/version') ? 'version' : '');
      return {
        pointer,
        rule: 'schema-format',
        reason: `${show(error.data)} is not a valid ${patternNames[def] ?? `${keyName(pointer)} (pattern ${String(params.pattern)})`}`,
      };
    }
    case 'uniqueItems':
      return {
        pointer,
        rule: 'schema-value',
        reason: `${keyName(pointer)} lists the same value twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`,
      };
    default:
      return { pointer, rule: 'schema-value', reason: `${keyName(pointer)} ${error.message ?? 'is invalid'}` };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text', integer: 'an integer', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'null',
  };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}
