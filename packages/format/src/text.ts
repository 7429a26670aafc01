import { report, type Place } from '@pattern-press/diagnostics';
import type { VFile } from 'vfile';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Line and column (1-based, in UTF-16 code units like every other place we report) of `offset` in `text`. */
function placeAt(text: string, offset: number): Place {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * The text with every line ending as `\n`. A file saved on Windows (CRLF) or
 * an old Mac (CR) is the same module as its LF twin: Markdown and YAML treat
 * all three as a line break, but the parsers keep the `\r` inside the values
 * and source slices they return, which would reach the canonical document.
 * Lines stay lines, so every line:column place is unchanged.
 */
function withLfLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The file's text (line endings normalised to `\n`, byte order mark removed),
 * or undefined (with a diagnostic) when it is empty or not UTF-8 text.
 */
export function decodeText(file: VFile): string | undefined {
  let text: string;
  if (typeof file.value === 'string') {
    text = file.value;
  } else {
    try {
      text = decoder.decode(file.value);
    } catch {
      report(file, 'file-binary', 'the file is not UTF-8 text', { place: { line: 1, column: 1 } });
      return undefined;
    }
  }
  text = withLfLineEndings(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // Where the NUL is: a stray one pasted into a text file is found at once; a binary file shows it on line 1.
    report(file, 'file-binary', 'the file contains NUL bytes: it looks like a binary file', { place: placeAt(text, nul) });
    return undefined;
  }
  if (text.trim() === '') {
    report(file, 'file-empty', 'the file is empty', { place: { line: 1, column: 1 } });
    return undefined;
  }
  return text;
}
