import { report } from '@pattern-press/diagnostics';
import type { VFile } from 'vfile';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or undefined (with a diagnostic) when it is empty or not UTF-8 text. */
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
  if (text.includes('\u0000')) {
    report(file, 'file-binary', 'the file contains NUL bytes: it looks like a binary file', { place: { line: 1, column: 1 } });
    return undefined;
  }
  if (text.trim() === '') {
    report(file, 'file-empty', 'the file is empty', { place: { line: 1, column: 1 } });
    return undefined;
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
