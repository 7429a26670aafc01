import { withRulesSection } from '@pattern-press/cli';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

it('the README documents every rule, exactly as the rule catalogue says (run `pnpm docs:rules` when this fails)', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  expect(readme).toBe(withRulesSection(readme));
});
