import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitters } from './registry.js';

const repoFile = (name: string) => fileURLToPath(new URL(`../../../${name}`, import.meta.url));

interface TurboTask {
  dependsOn?: string[];
  outputs?: string[];
}

describe('the registry is what turbo runs', () => {
  it('names each emitter once, its needs before it', () => {
    const names = emitters.map((emitter) => emitter.name);
    expect(new Set(names).size).toBe(names.length);
    for (const emitter of emitters) for (const need of emitter.needs) expect(names, `${emitter.name} needs ${need}`).toContain(need);
  });

  it('has a turbo task and a root script per emitter, waiting for the outputs it reads, and no task for an output it lacks', async () => {
    const turbo = JSON.parse(await readFile(repoFile('turbo.json'), 'utf8')) as { tasks: Record<string, TurboTask> };
    const scripts = (JSON.parse(await readFile(repoFile('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const emitter of emitters) {
      const task = turbo.tasks[`//#dist:${emitter.name}`];
      expect(task, `turbo.json task //#dist:${emitter.name}`).toBeDefined();
      expect(task!.outputs).toContain(`dist/${emitter.name}/**`);
      expect(scripts[`dist:${emitter.name}`]).toMatch(new RegExp(`build --quiet --formats ${emitter.name}$`));
      expect(scripts.dist).toContain(`dist:${emitter.name}`);
      // It reads what it needs, and with readsArtifacts every output that keeps a result in dist/, from the other tasks' folders.
      const reads = emitters.filter((other) => other !== emitter && (emitter.needs.includes(other.name) || (emitter.readsArtifacts === true && other.previous !== undefined)));
      for (const other of reads) expect(task!.dependsOn, `//#dist:${emitter.name} reads ${other.name}`).toContain(`//#dist:${other.name}`);
    }
    const names = new Set(emitters.map((emitter) => emitter.name));
    const formatTasks = Object.keys(turbo.tasks).flatMap((name) => /^\/\/#dist:([a-z0-9-]+)$/.exec(name)?.[1] ?? []);
    expect(formatTasks.filter((name) => !names.has(name))).toEqual([]);
  });
});
