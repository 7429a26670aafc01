import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDate, contentEpoch } from './date.js';

const saved = process.env.SOURCE_DATE_EPOCH;
afterEach(() => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
});

describe('contentEpoch', () => {
  it('is SOURCE_DATE_EPOCH when set, else the last commit touching the modules, else the timeline start', async () => {
    const repo = await mkdtemp(path.join(os.tmpdir(), 'press-date-'));
    const root = path.join(repo, 'modules');
    await mkdir(root);
    const catalog = { timeline: { start: '2025-01-06' } };
    delete process.env.SOURCE_DATE_EPOCH;
    expect(await contentEpoch({ root, catalog })).toBe(Date.parse('2025-01-06T00:00:00Z') / 1000);

    await writeFile(path.join(root, 'catalog.yaml'), 'patterns: []\n');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, GIT_COMMITTER_DATE: '@1600000000 +0000', GIT_AUTHOR_DATE: '@1600000000 +0000' } });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'modules');
    expect(await contentEpoch({ root, catalog })).toBe(1600000000);

    process.env.SOURCE_DATE_EPOCH = '1700000000';
    expect(await contentEpoch({ root, catalog })).toBe(1700000000);
    expect((await contentDate({ root, catalog })).toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });
});
