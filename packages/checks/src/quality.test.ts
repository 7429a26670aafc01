import { formatMessage } from '@pattern-press/diagnostics';
import { loadCollection } from '@pattern-press/format';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programRules, signoffItems, type ProgramRuleId } from './checklist.js';
import { checkCollection } from './collection-checks.js';
import { blockersFor, checkQuality, type QualityInputs } from './quality.js';
import { runCodeExamples } from './run-code.js';

const signoffs = Object.keys(signoffItems)
  .map((item) => `    - { item: ${item}, by: reviewer-a, date: "2026-01-10" }`)
  .join('\n');

/** A published module that passes every rule; each test breaks one thing. */
const base = `---
slug: alpha
title: Alpha
tagline: The first pattern
version: 1.0.0
difficulty: intermediate
duration: 40
status: published
prerequisites: [Networking basics]
related: [beta]
authors: [author-a]
outcomes:
  - { id: apply, text: Apply alpha }
pass_mark: 50
research:
  sources: { academic: [paper], industry: [], code: [] }
  analysis:
    problem_solved: [Overload]
    key_mechanics: [Counting]
    performance_metrics: [{ metric: Latency, value: "<1 ms" }]
  production_implementations: [One, Two, Three]
  failure_cases: [First outage, Second outage]
review:
  rubric:
    - { reviewer: reviewer-a, date: "2026-01-10", depth: excellent, accuracy: excellent, practicality: good, engagement: good, progression: good, exercises: good }
  signoffs:
${signoffs}
---

::::block{#counting minutes=22}
## Counting requests

:::hook
Why count?
:::

:::concept
Counting tells you when to stop. See [the exam](#exam).

\`\`\`mermaid
flowchart LR
  A --> B
\`\`\`
:::

:::code{#counter file=counter.py}
\`\`\`python
def count(items):
    return len(items)
\`\`\`

\`\`\`python test
from counter import count
assert count([1, 2]) == 2
\`\`\`
:::

:::analogy
Like a turnstile.
:::

:::practice
Count three things.
:::

:::solution
Three.
:::

:::reflection
- When does counting lie?
:::
::::

::::challenge{minutes=10}
## Count everything
Put it together.
::::

:::case-study{minutes=2}
## A real system
It counted.
:::

:::mistakes{minutes=2}
- Counting twice.
:::

:::checklist{minutes=1}
- [ ] Count once.
:::

:::see-also
- [Beta](../beta/module.md)
:::

:::::exam{minutes=3}
::::question{#q1 type=single outcomes=apply}
### Which?
Pick one.

\`\`\`yaml answer
choices: [{ id: a, text: A }, { id: b, text: B }]
correct: a
\`\`\`

:::model-answer
A.
:::
:::insights
- Counting.
:::
:::implications
- Count.
:::
::::
:::::
`;

const beta = `---
slug: beta
title: Beta
tagline: The second
version: 0.1.0
difficulty: intermediate
duration: 30
status: research
authors: [author-a]
research:
  sources: { academic: [paper], industry: [], code: [] }
  analysis: { problem_solved: [a], key_mechanics: [b], performance_metrics: [{ metric: m, value: v }] }
  production_implementations: [One, Two, Three]
  failure_cases: [First, Second]
---
`;

const catalog = `categories: [{ id: resilience, title: Resilience }]
patterns:
  - { slug: alpha, title: Alpha, category: resilience, priority: 1, complexity: low, depends_on: [beta], depends_on_reasons: { beta: Alpha counts what Beta sends }, real_examples: [] }
  - { slug: beta, title: Beta, category: resilience, priority: 1, complexity: low, depends_on: [], real_examples: [] }
timeline:
  start: "2025-02-01"
  sprint_days: 7
  calendar: { working_days: [mon, tue, wed, thu, fri] }
  team: [{ id: author-a, roles: [author] }, { id: reviewer-a, roles: [reviewer] }]
`;

const library = 'references:\n  - { id: paper, type: article, title: The paper }\n';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function collectionOf(alpha: string, betaText = beta) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'press-quality-'));
  roots.push(root);
  await writeFile(path.join(root, 'catalog.yaml'), catalog);
  await writeFile(path.join(root, 'library.yaml'), library);
  for (const [slug, text] of [
    ['alpha', alpha],
    ['beta', betaText],
  ] as const) {
    await mkdir(path.join(root, slug));
    await writeFile(path.join(root, slug, 'module.md'), text);
  }
  const collection = await loadCollection(root);
  checkCollection(collection);
  return { root, collection };
}

async function check(alpha: string, inputs: QualityInputs = {}, betaText = beta) {
  const { root, collection } = await collectionOf(alpha, betaText);
  const quality = checkQuality(collection, inputs);
  const lines = collection.files.flatMap((file) => file.messages.map((m) => formatMessage(m, root)));
  return { lines, quality: quality.find((q) => q.slug === 'alpha')!, collection };
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture has no ${needle}`);
  return text.slice(0, index).split('\n').length;
}

const diagramsOk: QualityInputs = { diagramErrors: new Map([['flowchart LR\n  A --> B', undefined]]) };
const ranClean: QualityInputs = {
  ...diagramsOk,
  runFindings: new Map([
    ['alpha', { code: [], exam: [] }],
    ['beta', { code: [], exam: [] }],
  ]),
};

describe('the passing module', () => {
  it('passes every rule and every sign-off', async () => {
    const { lines, quality } = await check(base, ranClean);
    expect(lines).toEqual([]);
    expect(quality.rules.filter((r) => r.state !== 'pass').map((r) => r.id)).toEqual([]);
    expect(quality.signoffs.every((s) => s.state === 'signed')).toBe(true);
  });
});

/** Each rule: how to break it, and the text on the line the diagnostic must point at. */
const breakers: [ProgramRuleId, (text: string) => string, string][] = [
  ['research-academic-source', (t) => t.replace('academic: [paper]', 'academic: []'), 'academic: []'],
  ['research-implementations', (t) => t.replace('[One, Two, Three]', '[One, Two]'), 'production_implementations: [One, Two]'],
  ['research-failure-cases', (t) => t.replace('[First outage, Second outage]', '[First outage]'), 'failure_cases: [First outage]'],
  ['research-performance', (t) => t.replace('[{ metric: Latency, value: "<1 ms" }]', '[]'), 'performance_metrics: []'],
  ['outcomes-defined', (t) => t.replace('outcomes:\n  - { id: apply, text: Apply alpha }\n', '').replace('outcomes=apply', 'outcomes=apply'), '---'],
  ['prerequisites-mapped', (t) => t.replace('prerequisites: [Networking basics]\n', ''), '---'],
  ['outline-blocks', (t) => t.replace(/::::challenge[\s\S]*?\n::::\n/, '').replace('minutes=22', 'minutes=32'), '---'],
  ['difficulty-progression', (t) => t.replace('difficulty: intermediate', 'difficulty: beginner'), 'difficulty: beginner'],
  ['block-hook', (t) => t.replace(':::hook\nWhy count?\n:::\n', ''), '::::block{#counting'],
  ['block-concept', (t) => t.replace(/:::concept[\s\S]*?\n:::\n/, ':::analogy\nMore.\n:::\n').replace(':::analogy\nLike a turnstile.\n:::\n', ''), '::::block{#counting'],
  ['block-code', (t) => t.replace(/:::code[\s\S]*?```\n:::\n/, ''), '::::block{#counting'],
  ['block-diagram', (t) => t.replace(/```mermaid[\s\S]*?```\n/, ''), '::::block{#counting'],
  ['block-analogy', (t) => t.replace(':::analogy\nLike a turnstile.\n:::\n', ''), '::::block{#counting'],
  ['block-practice', (t) => t.replace(':::solution\nThree.\n:::\n', ''), '::::block{#counting'],
  ['block-reflection', (t) => t.replace(':::reflection\n- When does counting lie?\n:::\n', ''), '::::block{#counting'],
  ['related-links', (t) => t.replace('- [Beta](../beta/module.md)', '- Nothing yet.'), 'related: [beta]'],
  ['case-studies', (t) => t.replace(':::case-study{minutes=2}\n## A real system\nIt counted.\n:::\n', ''), '---'],
  ['common-mistakes', (t) => t.replace(':::mistakes{minutes=2}\n- Counting twice.\n:::\n', ''), '---'],
  ['implementation-checklist', (t) => t.replace(':::checklist{minutes=1}\n- [ ] Count once.\n:::\n', ''), '---'],
  ['exam-present', (t) => t.slice(0, t.indexOf(':::::exam')).replace('outcomes:\n  - { id: apply, text: Apply alpha }\n', 'outcomes:\n  - { id: apply, text: Apply alpha }\n'), '---'],
  ['code-fence-language', (t) => t.replace('It counted.', 'It counted.\n\n```\nraw\n```'), '```\nraw'],
  ['block-timing', (t) => t.replace('Counting tells you when to stop.', `Counting tells you when to stop. ${'word '.repeat(8000)}`), '::::block{#counting'],
  ['link-broken', (t) => t.replace('[the exam](#exam)', '[the exam](#exma)'), 'Counting tells you when to stop.'],
  ['remote-resource', (t) => t.replace('It counted.', 'It counted. ![graph](https://example.com/g.png)'), 'It counted.'],
  ['signoff-missing', (t) => t.replace(/ {4}- \{ item: code-review.*\n/, ''), 'status: published'],
  ['rubric-missing', (t) => t.replace(/ {2}rubric:\n.*\n/, '  rubric: []\n'), 'status: published'],
  ['rubric-not-publishable', (t) => t.replace('accuracy: excellent', 'accuracy: good'), 'accuracy: good'],
];

describe('each checklist rule', () => {
  it('has a failing case here (every rule of the catalogue is covered)', () => {
    const covered = new Set([...breakers.map(([id]) => id), 'diagram-invalid', 'code-example-failed', 'exam-answer-mismatch']);
    expect(Object.keys(programRules).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(breakers)('%s fails at the right line', async (id, breakIt, needle) => {
    const broken = breakIt(base);
    const { lines, quality } = await check(broken, ranClean);
    const line = needle === '---' ? 1 : lineOf(broken, needle);
    const ours = lines.filter((l) => l.includes(` ${id}: `));
    expect(ours.length, lines.join('\n')).toBeGreaterThan(0);
    expect(ours[0]).toMatch(new RegExp(`^alpha/module\\.md:${line}:\\d+: (error|warning) ${id}: `));
    expect(quality.rules.find((r) => r.id === id)?.state).toBe('fail');
  });

  it('diagram-invalid: Mermaid parse errors from the checker land on the line Mermaid names, whole, with the hint every output gives', async () => {
    // Mermaid's message as the checker returns it: the excerpt, the caret and the expectation lines.
    const error = "Parse error on line 2:\nflowchart LR  A --> B\n-------------------^\nExpecting 'SEMI', 'NEWLINE', got 'EOF'";
    const { lines } = await check(base, { ...ranClean, diagramErrors: new Map([['flowchart LR\n  A --> B', error]]) });
    const fence = lineOf(base, '```mermaid');
    expect(lines).toEqual([
      `alpha/module.md:${fence + 2}:1: error diagram-invalid: Mermaid cannot draw this flowchart: Parse error on line 2:\n` +
        '    flowchart LR  A --> B\n' +
        '    -------------------^\n' +
        "    Expecting 'SEMI', 'NEWLINE', got 'EOF' (fix the diagram (mermaid.live shows the same error); no output is published while a diagram cannot be drawn)",
    ]);
  });
});

describe('status decides what is due', () => {
  it('a rule of the module’s own phase is a warning, of an earlier phase an error, of a later phase not due', async () => {
    const draft = base.replace('status: published', 'status: draft').replace(':::hook\nWhy count?\n:::\n', '').replace('academic: [paper]', 'academic: []');
    const { lines, quality } = await check(draft, ranClean);
    expect(lines.find((l) => l.includes('block-hook'))).toMatch(/warning block-hook/);
    expect(lines.find((l) => l.includes('research-academic-source'))).toMatch(/error research-academic-source/);
    expect(quality.rules.find((r) => r.id === 'signoff-missing')?.state).toBe('not-due');
  });

  it('at review, missing sign-offs are listed as warnings; published needs them', async () => {
    const review = base.replace('status: published', 'status: review').replace(/ {2}signoffs:\n[\s\S]*?\n---/, '  signoffs: []\n---');
    const { lines, quality } = await check(review, ranClean);
    expect(lines.filter((l) => l.includes('signoff-missing'))).toEqual([
      `alpha/module.md:${lineOf(review, 'status: review')}:9: warning signoff-missing: not yet signed off: ${Object.keys(signoffItems).join(', ')}`,
    ]);
    expect(blockersFor(quality, 'published').map((r) => r.id)).toEqual(['signoff-missing']);
  });

  it('a research module is held to the research rules only', async () => {
    const { quality } = await check(base, ranClean, beta.replace('[One, Two, Three]', '[]'));
    expect(quality).toBeDefined();
    const { collection } = await collectionOf(base, beta.replace('[One, Two, Three]', '[]'));
    const betaQuality = checkQuality(collection, ranClean).find((q) => q.slug === 'beta')!;
    expect(
      betaQuality.rules
        .filter((r) => r.state !== 'not-due')
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      [
        'diagram-invalid',
        'link-broken',
        'remote-resource',
        'research-academic-source',
        'research-failure-cases',
        'research-implementations',
        'research-performance',
        'code-example-failed',
        'exam-answer-mismatch',
        'block-timing',
      ]
        .filter((id) => ['always', 'research'].includes(programRules[id as ProgramRuleId].phase))
        .sort(),
    );
    expect(betaQuality.rules.find((r) => r.id === 'research-implementations')?.state).toBe('fail');
  });

  it('sign-off items are a closed list', async () => {
    const { lines } = await check(base.replace('item: code-review', 'item: code-reveiw'), ranClean);
    expect(lines, lines.join('\n')).toContain(`alpha/module.md:${lineOf(base, 'item: code-review')}:15: error schema-enum: \`code-reveiw\` is not a sign-off item (did you mean \`code-review\`?)`);
  });
});

describe('press check --run', () => {
  it('runs code examples with their hidden tests and reports a failing test at its fence', async () => {
    const broken = base.replace('return len(items)', 'return len(items) + 1');
    const { collection, root } = await collectionOf(broken);
    const run = await runCodeExamples(collection, { timeoutMs: 20_000 });
    checkQuality(collection, { ...diagramsOk, runFindings: run });
    const lines = collection.files.flatMap((file) => file.messages.map((m) => formatMessage(m, root)));
    const failure = lines.find((l) => l.includes('code-example-failed'));
    expect(failure).toMatch(new RegExp(`^alpha/module\\.md:${lineOf(broken, '```python test')}:1: error code-example-failed: test 1 of \`counter\` failed \\(exit 1\\)`));
    expect(failure).toContain('AssertionError');
  });

  it('passes working code, times out endless code, and keeps the network away', async () => {
    const endless = base.replace('return len(items)', 'return len(items)\n\nwhile True:\n    pass');
    const { collection } = await collectionOf(endless);
    const run = await runCodeExamples(collection, { timeoutMs: 2_000 });
    expect(run.get('alpha')!.code.map((f) => f.reason)).toEqual(['test 1 of `counter` timed out after 2 s']);

    const network = base.replace('assert count([1, 2]) == 2', 'import socket\nsocket.create_connection(("1.1.1.1", 53), timeout=2)');
    const { collection: netCollection } = await collectionOf(network);
    const netRun = await runCodeExamples(netCollection, { timeoutMs: 20_000 });
    expect(netRun.get('alpha')!.code[0]?.reason).toMatch(/Network is unreachable|OSError|timed out/);
  });
});
