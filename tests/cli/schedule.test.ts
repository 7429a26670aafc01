import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, press } from '../helpers.js';

// Issue 20: press schedule and press new as a team lead uses them.

/** A catalog written by hand: comments, blank lines, flow lists without padding, a long line the YAML printer would wrap. */
const handWritten = `# Pattern catalog, written by hand.

categories:
  - id: resilience
    title: Resilience patterns
    description: Contain failures so one broken dependency does not take the whole system down, whatever the traffic does to it.

patterns:
  # Priority 1: core patterns (start here)
  - slug: alpha
    title: Alpha
    category: resilience
    priority: 1
    complexity: low
    depends_on: []
    real_examples: [Nginx, HAProxy, AWS ELB]

  - slug: beta
    title: Beta
    category: resilience
    priority: 1
    complexity: low
    depends_on: [alpha]
    real_examples: [Example]

timeline:
  start: "2025-02-01"
  sprint_days: 7
  calendar: { working_days: [mon, tue, wed, thu, fri] }
  team:
    - { id: author-a, roles: [author] }
    - { id: author-b, roles: [author] }
    - { id: reviewer-a, roles: [reviewer] }
`;

describe('press schedule', () => {
  it('prints each diagnostic once and counts the files press check counts', async () => {
    const dir = await copyFixture('dependency-cycle');
    const [schedule, check] = [press(['schedule'], dir), press(['check'], dir)];
    expect(schedule.code).toBe(1);
    const lines = schedule.stdout.trim().split('\n');
    const diagnostics = lines.filter((line) => /: (error|warning) /.test(line));
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(new Set(diagnostics).size, schedule.stdout).toBe(diagnostics.length);
    const summary = (text: string) => /(\d+) files? checked/.exec(text)?.[1];
    expect(summary(schedule.stdout)).toBe(summary(check.stdout));
  });

  it('plans a catalog entry without a module folder as a module at research (a warning, not an error)', async () => {
    const dir = await copyFixture('valid');
    const catalog = path.join(dir, 'modules', 'catalog.yaml');
    await writeFile(
      catalog,
      (await readFile(catalog, 'utf8')).replace(
        'timeline:',
        '  - slug: gamma\n    title: Gamma\n    category: resilience\n    priority: 2\n    complexity: low\n    depends_on: []\n    real_examples: [Example]\ntimeline:',
      ),
    );
    const schedule = press(['schedule'], dir);
    expect(schedule.code, schedule.stdout).toBe(0);
    for (const phase of ['research', 'outline', 'content', 'exam', 'review']) expect(schedule.stdout).toMatch(new RegExp(`gamma ${phase} `));
    const check = press(['check'], dir);
    expect(check.stdout).toMatch(/warning catalog-missing-folder/);
    expect(check.code).toBe(0);
  });

  it('says which status date it planned from, and takes one with --now', async () => {
    const dir = await copyFixture('valid');
    expect(press(['schedule'], dir).stdout).toContain('Status date 2025-02-01 (timeline.start)');
    const later = press(['schedule', '--now', '2025-03-03'], dir);
    expect(later.stdout).toContain('Status date 2025-03-03 (--now)');
    expect(later.stdout).toMatch(/warning schedule-late/);
    expect(later.stdout).toMatch(/2025-03-03 +2025-03-03 +1 +. alpha research/);
    expect(press(['schedule', '--now', 'yesterday'], dir).code).toBe(2);
  });
});

describe('press schedule baselines', () => {
  it('saves a plan as a baseline and shows slip against it later', async () => {
    const dir = await copyFixture('valid');
    const saved = press(['schedule', '--save-baseline', 'kick-off'], dir);
    expect(saved.code, saved.stdout + saved.stderr).toBe(0);
    expect(saved.stdout).toContain('saved baseline kick-off to baselines/kick-off.json');
    const baseline = JSON.parse(await readFile(path.join(dir, 'baselines', 'kick-off.json'), 'utf8')) as { tasks: unknown[] };
    expect(baseline.tasks.length).toBeGreaterThan(0);
    const later = press(['schedule', '--now', '2025-02-10', '--baseline', 'kick-off'], dir);
    expect(later.code, later.stdout + later.stderr).toBe(0);
    expect(later.stdout.split('\n').find((line) => line.startsWith('sprint'))).toMatch(/slack\s+slip\s+waited$/);
    expect(later.stdout).toMatch(/alpha research\s+author-a\s+\d+\s+\+\d+/);
    expect(later.stdout).toMatch(/Against baseline kick-off \(status date 2025-02-01\): the plan ends \+\d+ working day\(s\) later/);
    expect(press(['schedule', '--baseline', 'nothing-saved'], dir).code).toBe(2);

    // press build shows the same slip in the timeline it publishes (HTML and JSON).
    const built = press(['build', '--quiet', '--formats', 'schedule', '--now', '2025-02-10', '--baseline', 'kick-off'], dir);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const plan = JSON.parse(await readFile(path.join(dir, 'dist', 'schedule', 'timeline.json'), 'utf8')) as { baseline?: { name: string; slip: number } };
    expect(plan.baseline?.name).toBe('kick-off');
    expect(plan.baseline?.slip).toBeGreaterThan(0);
    expect(await readFile(path.join(dir, 'dist', 'schedule', 'timeline.html'), 'utf8')).toContain('<th>Slip vs kick-off</th>');
    expect(press(['build', '--quiet', '--formats', 'schedule', '--baseline', 'nothing-saved'], dir).code).toBe(2);
  });
});

describe('press new', () => {
  it('adds only the new entry to a hand-written catalog and gives the module to the least busy author', async () => {
    const dir = await copyFixture('valid');
    const catalog = path.join(dir, 'modules', 'catalog.yaml');
    await writeFile(catalog, handWritten);
    const created = press(['new', 'rate-limiting', '--category', 'resilience', '--title', 'Rate Limiting'], dir);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    const [before, after] = [handWritten.split('\n'), (await readFile(catalog, 'utf8')).split('\n')];
    const first = before.findIndex((line, index) => after[index] !== line);
    const added = after.length - before.length;
    expect(after.slice(0, first)).toEqual(before.slice(0, first));
    expect(after.slice(first + added)).toEqual(before.slice(first));
    expect(after.slice(first, first + added).join('\n')).toMatch(/- slug: rate-limiting\n\s+title: Rate Limiting/);
    expect(added).toBeLessThanOrEqual(9);
    // alpha and beta are author-a's; author-b has nothing.
    expect(await readFile(path.join(dir, 'modules', 'rate-limiting', 'module.md'), 'utf8')).toContain('authors: [author-b]');
    const named = press(['new', 'bulkhead', '--category', 'resilience', '--author', 'author-a'], dir);
    expect(named.code, named.stdout + named.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'modules', 'bulkhead', 'module.md'), 'utf8')).toContain('authors: [author-a]');
  });
});
