import { formatMessage } from '@pattern-press/diagnostics';
import { VFile } from 'vfile';
import { parseModule, type ParsedModule, type ParseModuleOptions } from './parse-module.js';

/** A research-status module that passes every check, as front matter lines, for tests to vary. */
export const validFrontMatter = `---
slug: demo
title: Demo Pattern
tagline: Show the format
version: 0.1.0
category: resilience
priority: 1
complexity: medium
difficulty: intermediate
duration: 30
status: draft
outcomes:
  - id: apply
    text: Apply the demo pattern
research:
  sources: { academic: [], industry: [], code: [] }
  analysis: { problem_solved: [x], key_mechanics: [y], performance_metrics: [] }
  production_implementations: []
  failure_cases: []
pass_mark: 80
---
`;

export const validBlock = `
::::block{#first minutes=20}
## First block

:::hook
Why care?
:::

:::concept
The idea.

\`\`\`mermaid
flowchart LR
  A --> B
\`\`\`
:::

:::code{#adder file=adder.py}
Adds numbers.

\`\`\`python
def add(a, b):
    return a + b
\`\`\`

\`\`\`python test
from adder import add
assert add(1, 2) == 3
\`\`\`
:::

:::analogy
Like a calculator.
:::

:::practice
Add 2 and 2.
:::

:::solution
4
:::

:::reflection
1. When would you not add?
:::
::::

::::challenge{minutes=10}
## Put it together
Combine everything.
::::

:::::exam
::::question{#q-add type=single outcomes=apply}
### Adding
What is 1 + 1?

\`\`\`yaml answer
choices:
  - { id: one, text: "1" }
  - { id: two, text: "2" }
correct: two
\`\`\`

:::model-answer
Two.
:::

:::insights
- Addition is commutative.
:::

:::implications
- Overflow exists.
:::
::::
:::::
`;

export function parse(text: string | Uint8Array, options: ParseModuleOptions = {}, path = '/m/demo/module.md'): ParsedModule {
  return parseModule(new VFile({ path, value: text }), options);
}

/** `line:col rule-id` of each message, the shape most assertions need. */
export function placesAndRules(parsed: ParsedModule): string[] {
  return parsed.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

export function lines(parsed: ParsedModule): string[] {
  return parsed.file.messages.map((m) => formatMessage(m, '/m'));
}
