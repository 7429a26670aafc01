import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, press, repoRoot } from '../helpers.js';

describe('the authoring lifecycle', () => {
  it('press new scaffolds a research module from the seed template that passes press check, and adds it to the catalog', async () => {
    const dir = await copyFixture('valid');
    const created = press(['new', 'rate-limiting', '--category', 'resilience', '--title', 'Rate Limiting'], dir);
    expect(created.code, created.stdout + created.stderr).toBe(0);
    const text = await readFile(path.join(dir, 'modules', 'rate-limiting', 'module.md'), 'utf8');
    expect(text).toContain('status: research');
    expect(text).toContain('production_implementations: []');
    expect(text).toMatch(/::::challenge\{minutes=20\}/);
    const catalog = await readFile(path.join(dir, 'modules', 'catalog.yaml'), 'utf8');
    expect(catalog).toMatch(/slug: rate-limiting/);
    const check = press(['check'], dir);
    expect(check.stdout).toMatch(/0 errors/);
    expect(check.code).toBe(0);
    expect(press(['new', 'rate-limiting', '--category', 'resilience'], dir).code).toBe(2);
  });

  it('press promote moves a module on only when the rules due at the next status pass, and says what is missing', async () => {
    const dir = await copyFixture('valid');
    const module = path.join(dir, 'modules', 'alpha', 'module.md');
    const first = press(['promote', 'alpha'], dir);
    expect(first.stdout).toBe('alpha: research → outline\n');
    expect(first.code).toBe(0);
    expect(await readFile(module, 'utf8')).toContain('\nstatus: outline\n');
    const second = press(['promote', 'alpha'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('alpha stays at outline; still missing:');
    expect(second.stdout).toContain('outcomes-defined');
    expect(second.stdout).toContain('outline-blocks');
    expect(await readFile(module, 'utf8')).toContain('\nstatus: outline\n');
  });

  it('press report writes the report; press schedule prints the plan', async () => {
    const dir = await copyFixture('valid');
    expect(press(['report'], dir).code).toBe(0);
    expect((await stat(path.join(dir, 'dist', 'report', 'index.html'))).size).toBeGreaterThan(1000);
    const schedule = press(['schedule'], dir);
    expect(schedule.code).toBe(0);
    expect(schedule.stdout).toMatch(/alpha research +author-a/);
    expect(schedule.stdout).toMatch(/beta review +reviewer-a/);
  });

  it('press serve serves dist/ on 127.0.0.1, and says so clearly when there is no dist/', async () => {
    const dir = await copyFixture('valid');
    const missing = press(['serve', '--port', '0'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/press build/);
    expect(press(['build', '--formats', 'modules,api'], dir).code).toBe(0);
    const child = spawn(process.execPath, [path.join(repoRoot, 'packages/cli/dist/bin.js'), 'serve', '--port', '0'], { cwd: dir, env: { ...process.env, INIT_CWD: dir } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
      });
      const response = await fetch(`${url}/api/v1/index.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await response.json()) as { modules: unknown[] }).modules).toHaveLength(2);
    } finally {
      child.kill('SIGINT');
    }
  });
});
