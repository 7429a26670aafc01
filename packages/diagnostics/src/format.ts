import path from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { relatedPlaces, severityOf, type Severity } from './messages.js';

export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
  hint?: string;
  expected?: string[];
  related?: { file: string; line: number; column: number; message: string }[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
}

function displayPath(file: string | undefined, cwd: string): string {
  if (!file) return '<unknown>';
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function lineOf(message: VFileMessage): number {
  return message.place && 'line' in message.place ? message.place.line : (message.place?.start.line ?? 1);
}

function columnOf(message: VFileMessage): number {
  return message.place && 'column' in message.place ? message.place.column : (message.place?.start.column ?? 1);
}

/** Messages of all files in reading order: by file, then line, then column. */
export function sortedMessages(files: Iterable<VFile>): VFileMessage[] {
  const all = [...files].flatMap((file) => file.messages);
  return all.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || lineOf(a) - lineOf(b) || columnOf(a) - columnOf(b) || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
}

/** `path:line:col: error rule-id: message`, plus an indented `note:` line per related place. */
export function formatMessage(message: VFileMessage, cwd = process.cwd()): string {
  const hint = message.note ? ` (${message.note})` : '';
  const head = `${displayPath(message.file, cwd)}:${lineOf(message)}:${columnOf(message)}: ${severityOf(message)} ${message.ruleId ?? 'unknown'}: ${message.reason}${hint}`;
  const notes = relatedPlaces(message).map((related) => `  ${displayPath(related.file, cwd)}:${lineOf(related)}:${columnOf(related)}: note: ${related.reason}`);
  return [head, ...notes].join('\n');
}

export function summarize(files: Iterable<VFile>): Summary {
  const list = [...files];
  let errors = 0;
  let warnings = 0;
  for (const message of list.flatMap((file) => file.messages)) {
    if (severityOf(message) === 'error') errors++;
    else warnings++;
  }
  return { files: list.length, errors, warnings };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The one-line summary printed after the diagnostics. */
export function formatSummary(summary: Summary): string {
  const verdict = summary.errors > 0 ? '✖' : '✔';
  return `${verdict} ${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
}

export function formatReport(files: Iterable<VFile>, cwd = process.cwd()): string {
  const list = [...files];
  const lines = sortedMessages(list).map((message) => formatMessage(message, cwd));
  return [...lines, formatSummary(summarize(list))].join('\n') + '\n';
}

export function toDiagnosticJson(message: VFileMessage, cwd = process.cwd()): DiagnosticJson {
  const json: DiagnosticJson = {
    file: displayPath(message.file, cwd),
    line: lineOf(message),
    column: columnOf(message),
    severity: severityOf(message),
    ruleId: message.ruleId ?? 'unknown',
    message: message.reason,
  };
  if (message.note) json.hint = message.note;
  if (message.expected) json.expected = message.expected;
  const related = relatedPlaces(message);
  if (related.length > 0) {
    json.related = related.map((r) => ({ file: displayPath(r.file, cwd), line: lineOf(r), column: columnOf(r), message: r.reason }));
  }
  return json;
}

export function formatJsonReport(files: Iterable<VFile>, cwd = process.cwd()): string {
  const list = [...files];
  return JSON.stringify({ diagnostics: sortedMessages(list).map((m) => toDiagnosticJson(m, cwd)), summary: summarize(list) }, null, 2) + '\n';
}
