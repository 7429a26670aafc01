import { formatMessage } from '@pattern-press/diagnostics';
import { loadCollection } from '@pattern-press/format';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCollection } from './collection-checks.js';

const team = `timeline:
  start: "2025-02-01"
  sprint_days: 7
  calendar: { working_days: [mon, tue, wed, thu, fri] }
  team:
    - { id: author-a, roles: [author] }
`;

function pattern(slug: string, dependsOn: string[] = [], reasons: Record<string, string> = {}): string {
  const because = Object.entries(reasons)
    .map(([to, why]) => `      ${to}: ${why}\n`)
    .join('');
  return `  - slug: ${slug}
    title: ${slug}
    category: resilience
    priority: 1
    complexity: low
    depends_on: [${dependsOn.join(', ')}]
    real_examples: []
${because ? `    depends_on_reasons:\n${because}` : ''}`;
}

function moduleText(slug: string, extra = ''): string {
  return `---
slug: ${slug}
title: ${slug}
tagline: t
version: 0.1.0
difficulty: beginner
duration: 30
status: research
authors: [author-a]
research:
  sources: { academic: [], industry: [], code: [] }
  analysis: { problem_solved: [a], key_mechanics: [b], performance_metrics: [] }
  production_implementations: []
  failure_cases: []
${extra}---
`;
}

/** Writes a collection to a temp folder and returns every message, formatted relative to it. */
async function check(patterns: string, modules: Record<string, string>): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'press-checks-'));
  await writeFile(path.join(root, 'catalog.yaml'), `categories:\n  - { id: resilience, title: Resilience }\npatterns:\n${patterns}${team}`);
  for (const [folder, text] of Object.entries(modules)) {
    await mkdir(path.join(root, folder));
    await writeFile(path.join(root, folder, 'module.md'), text);
  }
  const collection = await loadCollection(root);
  checkCollection(collection);
  const out = collection.files.flatMap((file) => file.messages.map((m) => formatMessage(m, root)));
  await rm(root, { recursive: true, force: true });
  return out.sort();
}

describe('checkCollection', () => {
  it('passes a consistent collection', async () => {
    const b = pattern('b', ['a'], { a: 'block 2 builds on the ring of a' });
    expect(await check(pattern('a') + b, { a: moduleText('a'), b: moduleText('b') })).toEqual([]);
  });

  it('an edge without a reason is a warning; a reason without an edge is an error', async () => {
    const c = pattern('c', ['a', 'b'], { b: 'the exam uses the code of b' });
    const d = pattern('d', [], { a: 'a stale reason' });
    const messages = await check(pattern('a') + pattern('b') + c + d, {
      a: moduleText('a'),
      b: moduleText('b'),
      c: moduleText('c'),
      d: moduleText('d'),
    });
    expect(messages).toEqual([
      'catalog.yaml:23:18: warning dependency-unexplained: `c` depends on `a` without a reason (say in depends_on_reasons what of `a` this module requires)',
      'catalog.yaml:35:7: error dependency-unexplained: `d` gives a reason for depending on `a`, which is not in its depends_on (add the edge or remove the reason)',
    ]);
  });

  it('names a whole dependency cycle, each edge at its position', async () => {
    const messages = await check(pattern('a', ['c']) + pattern('b', ['a']) + pattern('c', ['b']), {
      a: moduleText('a'),
      b: moduleText('b'),
      c: moduleText('c'),
    });
    // Each edge's missing reason is a warning of its own (tested above).
    expect(messages.filter((m) => !m.includes('dependency-unexplained'))).toEqual([
      'catalog.yaml:9:18: error dependency-cycle: dependency cycle: a → c → b → a (remove one of the edges)\n' +
        '  catalog.yaml:23:18: note: c depends on b\n' +
        '  catalog.yaml:16:18: note: b depends on a',
    ]);
  });

  it('a catalog entry without a folder and a folder without an entry', async () => {
    const messages = await check(pattern('a') + pattern('ghost'), { a: moduleText('a'), stray: moduleText('stray') });
    expect(messages).toEqual([
      'catalog.yaml:11:11: warning catalog-missing-folder: catalog entry `ghost` has no folder `ghost/module.md` (planned as a module at research) (create it with `press new ghost`)',
      'stray/module.md:2:7: error catalog-missing-entry: module `stray` has no entry in catalog.yaml',
    ]);
  });

  it('duplicate slugs across modules, with the first as a note', async () => {
    const messages = await check(pattern('a') + pattern('b'), { a: moduleText('a'), b: moduleText('a') });
    expect(messages).toContain('b/module.md:2:7: error duplicate-id: slug `a` is already used by another module\n  a/module.md:2:7: note: first used here');
    expect(messages).toContain('b/module.md:2:7: error slug-mismatch: slug `a` differs from the folder name `b`');
  });

  it('duplicate slugs in the catalog', async () => {
    const messages = await check(pattern('a') + pattern('a'), { a: moduleText('a') });
    expect(messages).toEqual(['catalog.yaml:11:5: error duplicate-id: pattern `a` is defined twice\n  catalog.yaml:4:5: note: first defined here']);
  });

  it('an unknown dependency and an unknown related module, with suggestions', async () => {
    const messages = await check(pattern('alpha', ['betta']) + pattern('beta'), {
      alpha: moduleText('alpha', 'related: [bta]\n'),
      beta: moduleText('beta'),
    });
    expect(messages).toEqual([
      'alpha/module.md:15:11: error unknown-module: related module `bta` is not in the catalog (did you mean `beta`?)',
      'catalog.yaml:9:18: error unknown-module: `alpha` depends on `betta`, which is not in the catalog (did you mean `beta`?)',
    ]);
  });

  it('glossary: a term used but defined nowhere is a warning; a term defined twice an error', async () => {
    const defines = 'glossary:\n  - { id: idempotency-key, term: idempotency key, definition: A key the server stores. }\n';
    const messages = await check(pattern('a') + pattern('b') + pattern('c'), {
      a: moduleText('a', defines),
      b: moduleText('b', 'terms: [idempotency-key, idempotency-kee, pivot]\n'),
      c: moduleText('c', defines),
    });
    expect(messages).toEqual([
      "b/module.md:15:26: warning term-undefined: term `idempotency-kee` is used but no module's glossary defines it (did you mean `idempotency-key`?)",
      "b/module.md:15:43: warning term-undefined: term `pivot` is used but no module's glossary defines it (define it in the glossary of the module that teaches it)",
      'c/module.md:16:5: error duplicate-id: glossary term `idempotency-key` is already defined\n  a/module.md:16:5: note: first defined here',
    ]);
  });

  it('an author not in the team', async () => {
    const messages = await check(pattern('a'), { a: moduleText('a').replace('authors: [author-a]', 'authors: [author-b]') });
    expect(messages).toEqual(["a/module.md:9:11: error unknown-person: author `author-b` is not in the catalog's team (did you mean `author-a`?)"]);
  });

  it('block minutes that do not add up, with both figures', async () => {
    const body = '\n::::block{#one minutes=10}\n## One\n::::\n\n::::challenge{minutes=5}\n## Go\nDo it.\n::::\n';
    const messages = await check(pattern('a'), { a: moduleText('a').replace('status: research', 'status: outline') + body });
    expect(messages).toEqual(['a/module.md:7:11: error minutes-mismatch: the parts add up to 15 minutes (10 + 5 (challenge)) but the duration is 30']);
  });

  it('the duration counts every part: case studies, mistakes, checklist and exam too', async () => {
    const parts =
      '\n::::block{#one minutes=10}\n## One\n::::\n\n::::challenge{minutes=5}\n## Go\nDo it.\n::::\n' +
      '\n:::case-study{minutes=4}\n### A case\nIt happened.\n:::\n' +
      '\n:::mistakes{minutes=3}\n- One mistake\n:::\n' +
      '\n:::checklist{minutes=2}\n- [ ] One item\n:::\n' +
      '\n:::::exam{minutes=6}\n::::question{#q type=numeric outcomes=apply}\n### Q\nHow many?\n\n```yaml answer\ncorrect: 3\n```\n\n' +
      ':::model-answer\nThree.\n:::\n:::insights\n- i\n:::\n:::implications\n- p\n:::\n::::\n:::::\n';
    const outline = moduleText('a', 'outcomes:\n  - { id: apply, text: Apply }\npass_mark: 50\n').replace('status: research', 'status: outline');
    // 10 + 5 used to be the whole duration: the other 15 minutes were never budgeted.
    expect(await check(pattern('a'), { a: outline + parts })).toEqual([]);
    const unbudgeted = parts.replace('{minutes=6}', '').replace('{minutes=4}', '');
    expect(await check(pattern('a'), { a: outline.replace('duration: 30', 'duration: 15') + unbudgeted })).toEqual([
      'a/module.md:29:1: warning minutes-unbudgeted: the case study has no minutes, so the duration leaves its time out (give it `{minutes=N}` and add them to the duration)',
      'a/module.md:42:1: warning minutes-unbudgeted: the exam has no minutes, so the duration leaves its time out (give it `{minutes=N}` and add them to the duration)',
      'a/module.md:7:11: error minutes-mismatch: the parts add up to 20 minutes (10 + 5 (challenge) + 3 (mistakes) + 2 (checklist)) but the duration is 15',
    ]);
  });

  it('outcomes without a question and questions citing unknown outcomes', async () => {
    const exam = `
:::::exam
::::question{#q1 type=numeric outcomes="apply aply"}
### Q
How many?

\`\`\`yaml answer
correct: 3
\`\`\`

:::model-answer
Three.
:::
:::insights
- i
:::
:::implications
- p
:::
::::
:::::
`;
    const outcomes = 'outcomes:\n  - { id: apply, text: Apply }\n  - { id: debug, text: Debug }\npass_mark: 50\n';
    const messages = await check(pattern('a'), { a: moduleText('a', outcomes) + exam });
    expect(messages).toEqual([
      'a/module.md:17:5: error outcome-unassessed: learning outcome `debug` is not assessed by any exam question',
      'a/module.md:22:1: error outcome-unknown: question `q1` cites outcome `aply`, which the module does not define (did you mean `apply`?)',
    ]);
  });
});
