// pnpm docs:rules — regenerates the rules section of README.md from the rule catalogue.
import { readFile, writeFile } from 'node:fs/promises';
import { withRulesSection } from '../dist/index.js';

const readme = new URL('../../../README.md', import.meta.url);
await writeFile(readme, withRulesSection(await readFile(readme, 'utf8')));
console.log('README.md: rules section regenerated');
