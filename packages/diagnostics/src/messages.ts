import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { RuleId } from './rules.js';

export type Severity = 'error' | 'warning';

export interface Place {
  line: number;
  column: number;
}

/** A second place that explains the first: the earlier duplicate, the next edge of a cycle. */
export interface RelatedPlace {
  path: string;
  place?: Place | undefined;
  reason: string;
}

export interface ReportOptions {
  place?: Place | undefined;
  severity?: Severity;
  /** A short hint shown after the message ("did you mean `resilience`?"). */
  hint?: string | undefined;
  /** Values that would have been accepted. */
  expected?: string[] | undefined;
  cause?: RelatedPlace | RelatedPlace[] | undefined;
}

export const messageSource = 'pattern-press';

/**
 * Records a content problem on `file`, vfile style: errors are `fatal: true`,
 * warnings `fatal: false`. Never throws, whatever the content.
 */
export function report(file: VFile, ruleId: RuleId, reason: string, options: ReportOptions = {}): VFileMessage {
  const causes = options.cause === undefined ? [] : Array.isArray(options.cause) ? options.cause : [options.cause];
  const [first, ...rest] = causes.map(relatedMessage);
  const message = new VFileMessage(reason, {
    place: options.place ? { line: options.place.line, column: options.place.column } : undefined,
    ruleId,
    source: messageSource,
    cause: first,
  });
  message.file = file.path;
  message.fatal = (options.severity ?? 'error') === 'error';
  if (options.hint) message.note = options.hint;
  if (options.expected) message.expected = options.expected;
  if (rest.length > 0) (message as MessageWithMoreCauses).moreCauses = rest;
  file.messages.push(message);
  return message;
}

interface MessageWithMoreCauses extends VFileMessage {
  moreCauses?: VFileMessage[];
}

function relatedMessage(related: RelatedPlace): VFileMessage {
  const message = new VFileMessage(related.reason, {
    place: related.place ? { line: related.place.line, column: related.place.column } : undefined,
    source: messageSource,
  });
  message.file = related.path;
  return message;
}

/** The places a message points to besides its own, in order. */
export function relatedPlaces(message: VFileMessage): VFileMessage[] {
  const first = message.cause instanceof VFileMessage ? [message.cause] : [];
  return [...first, ...((message as MessageWithMoreCauses).moreCauses ?? [])];
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : 'warning';
}

export function hasErrors(files: Iterable<VFile>): boolean {
  for (const file of files) if (file.messages.some((m) => m.fatal === true)) return true;
  return false;
}
