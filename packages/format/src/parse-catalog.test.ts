import { formatMessage } from '@pattern-press/diagnostics';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './parse-catalog.js';

const catalog = `categories:
  - id: resilience
    title: Resilience Patterns
    description: Contain failures.
patterns:
  - slug: retry-backoff
    title: Retry
    category: resilience
    priority: 1
    complexity: low
    depends_on: []
    real_examples: [gRPC]
timeline:
  start: "2025-02-01"
  sprint_days: 7
  team:
    - id: author-a
      roles: [author]
      capacity: 1
    - id: author-a
      roles: [reviewer]
      capacity: 1
`;

describe('parseCatalog', () => {
  it('reports a team member defined twice on the second definition, citing the first', () => {
    const file = new VFile({ path: 'modules/catalog.yaml', value: catalog });
    parseCatalog(file);
    const duplicates = file.messages.filter((message) => message.ruleId === 'duplicate-id');
    expect(duplicates.map((message) => formatMessage(message))).toEqual([expect.stringMatching(/^modules\/catalog\.yaml:24:7: error duplicate-id: team member `author-a` is defined twice/)]);
  });
});
