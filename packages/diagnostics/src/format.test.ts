import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatJsonReport, formatReport, summarize } from './format.js';
import { hasErrors, report } from './messages.js';
import { rules } from './rules.js';
import { closestMatch, didYouMean } from './suggest.js';

describe('report and formatReport', () => {
  it('prints path:line:col: severity rule-id: message (hint), related places as notes, sorted, then a summary', () => {
    const a = new VFile({ path: '/repo/modules/b/module.md' });
    const b = new VFile({ path: '/repo/modules/a/module.md' });
    report(a, 'duplicate-id', 'outcome id `x` is used twice', {
      place: { line: 9, column: 3 },
      cause: { path: '/repo/modules/b/module.md', place: { line: 4, column: 3 }, reason: 'first used here' },
    });
    report(a, 'content-outside-directive', 'stray text', { place: { line: 2, column: 1 }, severity: 'warning', hint: 'move it' });
    report(b, 'schema-enum', 'bad value', { place: { line: 1, column: 1 } });
    expect(formatReport([a, b], '/repo')).toBe(
      [
        'modules/a/module.md:1:1: error schema-enum: bad value',
        'modules/b/module.md:2:1: warning content-outside-directive: stray text (move it)',
        'modules/b/module.md:9:3: error duplicate-id: outcome id `x` is used twice',
        '  modules/b/module.md:4:3: note: first used here',
        '✖ 2 files checked: 2 errors, 1 warning',
        '',
      ].join('\n'),
    );
    expect(summarize([a, b])).toEqual({ files: 2, errors: 2, warnings: 1 });
    expect(hasErrors([a])).toBe(true);
  });

  it('lists every related place of a cycle', () => {
    const file = new VFile({ path: '/r/catalog.yaml' });
    report(file, 'dependency-cycle', 'a → b → c → a', {
      place: { line: 1, column: 1 },
      cause: [
        { path: '/r/catalog.yaml', place: { line: 2, column: 1 }, reason: 'b depends on c' },
        { path: '/r/catalog.yaml', place: { line: 3, column: 1 }, reason: 'c depends on a' },
      ],
    });
    const json = JSON.parse(formatJsonReport([file], '/r'));
    expect(json.diagnostics[0].related).toEqual([
      { file: 'catalog.yaml', line: 2, column: 1, message: 'b depends on c' },
      { file: 'catalog.yaml', line: 3, column: 1, message: 'c depends on a' },
    ]);
  });

  it('a clean run says so', () => {
    expect(formatReport([new VFile({ path: 'x' })])).toBe('✔ 1 file checked: 0 errors, 0 warnings\n');
  });
});

describe('suggestions', () => {
  it('suggests close matches only', () => {
    expect(didYouMean('resilence', ['scaling', 'resilience', 'architecture'])).toBe('did you mean `resilience`?');
    expect(closestMatch('xyz', ['scaling', 'resilience'])).toBeUndefined();
  });
});

describe('the rule catalogue', () => {
  it('says what, why and what to do for every rule', () => {
    for (const [id, info] of Object.entries(rules)) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const text of [info.what, info.why, info.fix]) expect(text.length, id).toBeGreaterThan(10);
    }
  });
});
