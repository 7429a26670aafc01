/** Plain text (YAML values: choices, events) as literal pandoc Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~^$@&]/g, (char) => `\\${char}`).replace(/\s*\n\s*/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run inside the code. */
export function fencedCode(source: string, language: string): string {
  const longest = Math.max(2, ...[...source.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const info = /^[A-Za-z0-9_+-]+$/.test(language) ? language : 'text';
  return `${fence} ${info}\n${source.replace(/\n$/, '')}\n${fence}`;
}

/** A pandoc attribute value, quoted. */
export function attributeValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
