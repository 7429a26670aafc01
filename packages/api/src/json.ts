/**
 * The bytes of an API response: two-space JSON and a final newline. Key order
 * is the order the builders create, so equal input gives equal bytes.
 */
export function jsonBytes(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
