import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitters } from './registry.js';

const repoFile = (name: string) => fileURLToPath(new URL(`../../../${name}`, import.meta.url));

interface TurboTask {
  dependsOn?: string[];
  inputs?: string[];
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
      // It reads what it needs, and with readsArtifacts every output that keeps a result or artifacts in dist/, from the other tasks' folders.
      const reads = emitters.filter(
        (other) => other !== emitter && (emitter.needs.includes(other.name) || (emitter.readsArtifacts === true && (other.previous !== undefined || other.artifactKinds !== undefined))),
      );
      for (const other of reads) expect(task!.dependsOn, `//#dist:${emitter.name} reads ${other.name}`).toContain(`//#dist:${other.name}`);
    }
    const names = new Set(emitters.map((emitter) => emitter.name));
    const formatTasks = Object.keys(turbo.tasks).flatMap((name) => /^\/\/#dist:([a-z0-9-]+)$/.exec(name)?.[1] ?? []);
    expect(formatTasks.filter((name) => !names.has(name))).toEqual([]);
  });
});

describe('a turbo task per module, from generated packages', () => {
  const moduleTask = (slug: string) => `@pattern-press-modules/${slug}#dist:module`;

  it('has a package per catalog module outside modules/, each running press build --module on its own folder as input', async () => {
    const catalog = parse(await readFile(repoFile('modules/catalog.yaml'), 'utf8')) as { patterns: { slug: string }[] };
    const slugs = catalog.patterns.map((entry) => entry.slug);
    expect((await readdir(repoFile('build/modules'))).sort()).toEqual([...slugs].sort());
    for (const slug of slugs) {
      const pkg = JSON.parse(await readFile(repoFile(`build/modules/${slug}/package.json`), 'utf8')) as { name: string; scripts: Record<string, string> };
      expect(pkg.name).toBe(`@pattern-press-modules/${slug}`);
      expect(pkg.scripts).toEqual({ 'dist:module': `cd ../../.. && INIT_CWD=$PWD node packages/cli/dist/bin.js build --quiet --module ${slug}` });
      const turbo = JSON.parse(await readFile(repoFile(`build/modules/${slug}/turbo.json`), 'utf8')) as { extends: string[]; tasks: Record<string, TurboTask> };
      expect(turbo.extends).toEqual(['//']);
      expect(turbo.tasks['dist:module']?.inputs).toEqual(expect.arrayContaining([`$TURBO_ROOT$/modules/${slug}/**`, '$TURBO_ROOT$/modules/catalog.yaml', '$TURBO_ROOT$/packages/*/src/**']));
    }
    // Module folders are content: no package (and so no script) is ever taken from them.
    for (const slug of slugs) await expect(readFile(repoFile(`modules/${slug}/package.json`))).rejects.toThrow();
    expect(await readFile(repoFile('pnpm-workspace.yaml'), 'utf8')).toMatch(/^ {2}- build\/modules\/\*$/m);
    expect(await readFile(repoFile('pnpm-lock.yaml'), 'utf8')).toContain(`\n  build/modules/${slugs[0]}:\n`);
  });

  it('makes the outputs with a share per module wait for every module task, and the module task depend on the code', async () => {
    const catalog = parse(await readFile(repoFile('modules/catalog.yaml'), 'utf8')) as { patterns: { slug: string }[] };
    const turbo = JSON.parse(await readFile(repoFile('turbo.json'), 'utf8')) as { tasks: Record<string, TurboTask> };
    expect(turbo.tasks['dist:module']?.dependsOn).toContain('@pattern-press/cli#build');
    expect(turbo.tasks['dist:module']?.outputs).toEqual(['parts/**']);
    for (const emitter of emitters) {
      const dependsOn = turbo.tasks[`//#dist:${emitter.name}`]!.dependsOn ?? [];
      for (const { slug } of catalog.patterns) {
        if (emitter.emitModule) expect(dependsOn, `//#dist:${emitter.name}`).toContain(moduleTask(slug));
        else expect(dependsOn, `//#dist:${emitter.name}`).not.toContain(moduleTask(slug));
      }
    }
  });

  it('is what scripts/module-packages.mjs writes (run it after changing the catalog)', () => {
    const check = spawnSync(process.execPath, [repoFile('scripts/module-packages.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
