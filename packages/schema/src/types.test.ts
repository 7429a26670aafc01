import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script shared with `pnpm generate:types`
import { renderTypes, schemaNames } from '../scripts/render-types.mjs';

describe('generated types', () => {
  it.each(schemaNames as string[])('src/generated/%s.ts matches schemas/ (run `pnpm generate:types` when this fails)', async (name) => {
    const committed = await readFile(new URL(`./generated/${name}.ts`, import.meta.url), 'utf8');
    expect(committed).toBe(await renderTypes(name));
  });
});
