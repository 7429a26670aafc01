import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, repoRoot } from '../helpers.js';

const bin = path.join(repoRoot, 'packages', 'cli', 'dist', 'bin.js');

interface Status {
  generation: number;
  errors: number;
  diagnostics: { file: string; line: number; ruleId: string; message: string; severity: string }[];
  message: string;
  reuse: Record<string, { made: number; reused: number }>;
}

/** Everything the process prints, and a wait for a pattern to appear after a given offset. */
class Output {
  text = '';
  constructor(child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }
  async waitFor(pattern: RegExp, from = 0, ms = 60_000): Promise<RegExpMatchArray> {
    const until = Date.now() + ms;
    for (;;) {
      const match = this.text.slice(from).match(pattern);
      if (match) return match;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}; output so far:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function getText(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** Reads server-sent `status` events from the dev server into a list. */
function listen(url: string): { events: Status[]; close: () => void } {
  const events: Status[] = [];
  const request = http.get(url, (response) => {
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as Status);
      }
    });
  });
  request.on('error', () => undefined);
  return { events, close: () => request.destroy() };
}

describe('press dev', () => {
  let dir: string;
  let child: ChildProcess;
  let output: Output;
  let base: string;

  beforeAll(async () => {
    dir = await copyFixture('valid');
    // The fixture builds no module; beta at draft is the smallest built one (warnings only), so it gets every preview.
    const beta = path.join(dir, 'modules', 'beta', 'module.md');
    await writeFile(beta, (await readFile(beta, 'utf8')).replace('status: outline', 'status: draft'));
    child = spawn(process.execPath, [bin, 'dev', '--port', '0'], { cwd: dir, env: { ...process.env, INIT_CWD: dir, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    output = new Output(child);
    // The first build starts Chromium (diagrams, slides): on a busy machine that takes a while.
    base = (await output.waitFor(/previews at (http:\/\/127\.0\.0\.1:\d+\/)/, 0, 150_000))[1]!;
    await output.waitFor(/dev: rebuilt/);
  }, 180_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  });

  it('serves the previews with the reload script, rebuilds on a change, shows a broken module as a diagnostic and recovers, without dying', async () => {
    const report = await getText(`${base}report/index.html`);
    expect(report.status).toBe(200);
    expect(report.body).toContain('<script src="/__press/client.js"></script>');
    const client = await getText(`${base}__press/client.js`);
    expect(client.body).toContain('EventSource');
    const alpha = JSON.parse((await getText(`${base}modules/alpha.json`)).body) as { title: string };
    expect(alpha.title).toBe('Alpha');
    // press serve's path guard: the same refusal as press serve (400 bad_path), not a lookup.
    const escape = await getText(`${base}..%2f..%2fetc/passwd`);
    expect(escape.status).toBe(400);
    expect(JSON.parse(escape.body)).toMatchObject({ error: 'bad_path' });

    // The chapter as HTML and the SCORM player of the built module, with the reload script.
    for (const page of ['handbook/beta.html', 'scorm/beta/index.html']) {
      const served = await getText(`${base}${page}`);
      expect(served.status, page).toBe(200);
      expect(served.type, page).toMatch(/^text\/html/);
      expect(served.body, page).toMatch(/<h1[^>]*>(?:<span class="secno">\d+<\/span> )?Beta<\/h1>/);
      expect(served.body, page).toContain('<script src="/__press/client.js"></script>');
    }
    const player = await getText(`${base}scorm/beta/index.html`);
    for (const href of [...player.body.matchAll(/(?:src|href)="(\.\.\/player\/[^"]+)"/g)].map((match) => match[1]!)) {
      expect((await getText(new URL(href, `${base}scorm/beta/index.html`).href)).status, href).toBe(200);
    }
    expect(player.body).toContain('../player/player.js');
    const index = (await getText(base)).body;
    for (const href of [
      '/modules/beta.json',
      '/handbook/beta.html',
      '/pdf/beta.pdf',
      '/slides/beta/index.html',
      '/scorm/beta/index.html',
      '/api/v1/modules/beta.json',
      '/pdf/handbook.pdf',
      '/api/v1/index.json',
      '/report/index.html',
      '/modules/alpha.json',
    ]) {
      expect(index, href).toContain(`href="${href}"`);
    }

    const events = listen(`${base}__press/events`);
    try {
      const module = path.join(dir, 'modules', 'alpha', 'module.md');
      const original = await readFile(module, 'utf8');

      // A change: the canonical JSON and the report are rebuilt, and the page is told to reload.
      let from = output.text.length;
      await writeFile(module, original.replace('title: Alpha', 'title: Alpha Renamed'));
      await output.waitFor(/dev: rebuilt modules, report/, from);
      expect((JSON.parse((await getText(`${base}modules/alpha.json`)).body) as { title: string }).title).toBe('Alpha Renamed');
      expect((await getText(`${base}report/index.html`)).body).toContain('Alpha Renamed');
      // alpha is not in the handbook: nothing is printed. beta's chapter and the front matter (its contents unchanged) come from the part store.
      const renamed = JSON.parse((await getText(`${base}__press/status`)).body) as Status;
      expect(renamed.reuse.pdf).toEqual({ made: 0, reused: expect.any(Number) });
      expect(renamed.reuse.pdf!.reused).toBeGreaterThan(1);
      expect(output.text.slice(from)).toMatch(/^dev: parts: pdf 0 made, \d+ reused$/m);

      // A content error: a diagnostic in the terminal and in the overlay's status, the last good previews stay.
      from = output.text.length;
      await writeFile(module, original.replace('duration: 20', 'duration: soon'));
      await output.waitFor(/dev: 1 error\(s\)/, from);
      expect(output.text.slice(from)).toMatch(/modules\/alpha\/module\.md:7:11: error schema-type/);
      const broken = JSON.parse((await getText(`${base}__press/status`)).body) as Status;
      expect(broken.errors).toBe(1);
      expect(broken.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ line: 7, ruleId: 'schema-type' });
      expect((JSON.parse((await getText(`${base}modules/alpha.json`)).body) as { title: string }).title).toBe('Alpha Renamed');
      expect(child.exitCode).toBeNull();

      // Fixed: it recovers, the overlay clears.
      from = output.text.length;
      await writeFile(module, original);
      await output.waitFor(/dev: rebuilt/, from);
      const fixed = JSON.parse((await getText(`${base}__press/status`)).body) as Status;
      expect(fixed.errors).toBe(0);
      expect((JSON.parse((await getText(`${base}modules/alpha.json`)).body) as { title: string }).title).toBe('Alpha');
      expect(child.exitCode).toBeNull();

      // The built module's title changes: the handbook, its chapter and the SCORM player show the new one.
      const beta = path.join(dir, 'modules', 'beta', 'module.md');
      const betaText = await readFile(beta, 'utf8');
      from = output.text.length;
      await writeFile(beta, betaText.replace('title: Beta', 'title: Beta Renamed'));
      // The registry's order (packages/engine/src/registry.ts): each emitter's previews, the API last.
      await output.waitFor(/dev: rebuilt modules, report, handbook \(beta\), pdf \(beta\), scorm \(beta\), slides \(beta\), api \(beta\)/, from);
      for (const page of ['handbook/beta.html', 'scorm/beta/index.html']) {
        const served = await getText(`${base}${page}`);
        expect(served.body, page).toMatch(/<h1[^>]*>(?:<span class="secno">\d+<\/span> )?Beta Renamed<\/h1>/);
        expect(served.body, page).toContain('<script src="/__press/client.js"></script>');
      }
      // The module's PDF and the handbook PDF, assembled from stored parts: the edited chapter printed again.
      for (const pdf of ['pdf/beta.pdf', 'pdf/handbook.pdf']) {
        const response = await fetch(`${base}${pdf}`);
        expect(response.status, pdf).toBe(200);
        expect(response.headers.get('content-type'), pdf).toBe('application/pdf');
        const file = path.join(dir, `${path.basename(pdf)}`);
        await writeFile(file, Buffer.from(await response.arrayBuffer()));
        expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }), pdf).toContain('Beta Renamed');
      }
      expect((await getText(`${base}api/v1/index.json`)).body).toContain('Beta Renamed');
      expect(child.exitCode).toBeNull();
      // beta's chapter was printed again (with both front matters); the previews equal what press build makes, byte for byte.
      const edited = JSON.parse((await getText(`${base}__press/status`)).body) as Status;
      expect(edited.reuse.pdf!.made).toBeGreaterThan(renamed.reuse.pdf!.made);
      // Where the PDF's time went: the chapter printed again (how long, how many prints) and each merge.
      expect(output.text.slice(from)).toMatch(/^dev: inside: pdf: .*chapter-\d+-beta \d+\.\d s \(\d+ prints\).*handbook\.pdf merged \d+\.\d s/m);
      const built = spawnSync(process.execPath, [bin, 'build', '--quiet', '--formats', 'pdf,slides', '--out', path.join(dir, 'dist')], {
        cwd: dir,
        env: { ...process.env, INIT_CWD: dir },
        encoding: 'utf8',
      });
      expect(built.status, built.stderr).toBe(0);
      for (const file of ['pdf/beta.pdf', 'pdf/handbook.pdf', 'slides/beta/index.html']) {
        // From the dev folder itself: the server adds its reload script to HTML pages.
        const served = await readFile(path.join(dir, '.press-cache', 'dev', file));
        expect(served.equals(await readFile(path.join(dir, 'dist', file))), `${file} as press build makes it`).toBe(true);
      }

      // Pages were told about every step: a rebuild, the error, the recovery.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const errorsSeen = events.events.map((event) => event.errors);
      expect(errorsSeen).toContain(1);
      expect(errorsSeen.at(-1)).toBe(0);
      const generations = events.events.map((event) => event.generation);
      expect(new Set(generations).size).toBeGreaterThanOrEqual(3);
    } finally {
      events.close();
    }
  });
});
