import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openOutputCache } from '@pattern-press/cache';
import { parseModule, type Collection, type Publication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import type { PatternModule } from '@pattern-press/schema';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPdf, type EmitPdfResult } from './emit.js';
import { circuitBreakerPublication, modulesRoot } from './fixtures.test-helpers.js';
import { outlineTitles } from './pdf-info.js';

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** pdftotext with line breaks and hyphenation undone, so phrases can be searched. */
function pdfText(file: string, first?: number, last?: number): string {
  const range = first === undefined ? [] : ['-f', String(first), '-l', String(last ?? first)];
  return flat(run('pdftotext', [...range, file, '-']));
}

function flat(text: string): string {
  // A soft hyphen (U+00AD) stays in the text layer where the line did not break there, and prints as U+2010 where it did.
  return text
    .replace(/\u00ad/g, '')
    .replace(/[-\u2010]\n(?=[a-z])/g, '')
    .replace(/\s+/g, ' ');
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
}

/** A markdown part as the words a reader sees (markup stripped), for searching the PDF text. */
function words(markdown: string, count: number): string {
  return flat(
    markdown
      .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
      .replace(/\[@[^\]]+\]/g, '')
      .replace(/[*_`#>]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'),
  )
    .trim()
    .split(' ')
    .slice(0, count)
    .join(' ');
}

let browser: Browser;
let collection: Collection;
let publication: Publication;
let circuitBreaker: PatternModule;
let result: EmitPdfResult;
let outDir: string;
const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-cache-'));

/** A copy of circuit-breaker parsed from edited Markdown, cut to its first block (small and quick to print). */
async function editedModule(edit: (text: string) => string): Promise<PatternModule> {
  const filePath = path.join(modulesRoot, 'circuit-breaker', 'module.md');
  const file = new VFile({ path: filePath, value: edit(await readFile(filePath, 'utf8')) });
  const parsed = parseModule(file, { catalogEntry: collection.catalog.entries.get('circuit-breaker') });
  const document = parsed.document!;
  return { ...document, blocks: document.blocks.slice(0, 1), case_studies: [], exam: { ...document.exam!, questions: document.exam!.questions.slice(0, 1) } };
}

beforeAll(async () => {
  browser = await launchBrowser();
  ({ collection, publication, circuitBreaker } = await circuitBreakerPublication());
  outDir = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-out-'));
  result = await emitPdf(publication, { outDir, cacheDir, browser });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('emitPdf on the real collection', () => {
  it('writes a PDF per built module, the handbook, its EPUB and DOCX, and nothing for unbuilt modules', () => {
    expect(result.files.map((file) => path.basename(file))).toEqual(['circuit-breaker.pdf', 'handbook.docx', 'handbook.epub', 'handbook.pdf']);
    expect(existsSync(path.join(outDir, 'retry-backoff.pdf'))).toBe(false);
    expect(result.problems).toEqual([]);
  });

  it('has every block title, its code, the exam and no raw Markdown or Mermaid source', () => {
    const text = pdfText(path.join(outDir, 'circuit-breaker.pdf'));
    for (const block of circuitBreaker.blocks) {
      expect(text).toContain(block.title);
      for (const code of block.code) {
        const lines = code.source
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.length > 12);
        for (const line of [lines[0]!, lines[Math.floor(lines.length / 2)]!, lines.at(-1)!]) expect(text).toContain(flat(line));
        for (const test of code.tests) expect(text).not.toContain(flat(test.source.split('\n')[0]!));
      }
    }
    for (const question of circuitBreaker.exam!.questions) expect(text).toContain(question.title);
    expect(text).not.toContain('```');
    expect(text).not.toContain(':::');
    expect(text).not.toMatch(/stateDiagram|flowchart LR|-->/);
    expect(text).toContain('Review copy');
  });

  it('puts practice solutions and model answers in the answer-key appendix, not before it', () => {
    const text = pdfText(path.join(outDir, 'circuit-breaker.pdf'));
    const appendix = text.lastIndexOf('Answer key');
    expect(appendix).toBeGreaterThan(text.indexOf('Question 1'));
    for (const question of circuitBreaker.exam!.questions) {
      const answer = words(question.model_answer.markdown, 6);
      expect(text.indexOf(answer), answer).toBeGreaterThan(appendix);
    }
    const solution = words(circuitBreaker.blocks[0]!.practice!.solution!.markdown.replace(/^\d+\.\s*/, ''), 6);
    expect(text.indexOf(solution), solution).toBeGreaterThan(appendix);
  });

  it('resolves citations into a bibliography', () => {
    const text = pdfText(path.join(outDir, 'circuit-breaker.pdf'));
    const cited = publication.library.references.find((reference) => reference.id === (circuitBreaker.citations ?? [])[0])!;
    expect(text).toContain('References');
    expect(text).toContain(flat(cited.title).slice(0, 20));
    expect(text).not.toMatch(/\[@[a-z]/);
  });

  it('is tagged, titled, of a sane length, with every font embedded', () => {
    for (const name of ['circuit-breaker.pdf', 'handbook.pdf']) {
      const file = path.join(outDir, name);
      const info = run('pdfinfo', [file]);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/Title:\s+\S/);
      // The catalog names authors by role ids, which are no names to print.
      expect(info).not.toMatch(/author-a/);
      expect(info).not.toMatch(/CreationDate:.*1970/);
      expect(info).toMatch(/Subject:\s+\S/);
      expect(pageCount(file)).toBeGreaterThan(10);
      expect(pageCount(file)).toBeLessThan(120);
      const fonts = run('pdffonts', [file])
        .split('\n')
        .slice(2)
        .filter((line) => line.trim() !== '');
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(/\s(yes|no)\s+(yes|no)\s+(yes|no)\s/.exec(font)?.[1], font).toBe('yes');
    }
    expect(run('pdfinfo', [path.join(outDir, 'circuit-breaker.pdf')])).toMatch(/Title:\s+Circuit Breaker/);
  });

  it('has bookmarks for the module, every block and the exam', async () => {
    const outline = (await outlineTitles(await readFile(path.join(outDir, 'handbook.pdf')))).map((title) => title.trim());
    expect(outline.some((title) => title.endsWith(circuitBreaker.title))).toBe(true);
    for (const block of circuitBreaker.blocks)
      expect(
        outline.some((title) => title.endsWith(block.title)),
        block.title,
      ).toBe(true);
    expect(outline.some((title) => /Exam$/.test(title))).toBe(true);
    expect(outline).toContain('Answer key');
  });

  it('lists each block in the contents with the page it starts on', () => {
    const file = path.join(outDir, 'circuit-breaker.pdf');
    const contents = flat(run('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-']));
    expect(contents).toContain('Contents');
    for (const block of circuitBreaker.blocks) {
      const page = Number(new RegExp(`${block.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)`).exec(contents)?.[1]);
      expect(page, block.title).toBeGreaterThan(2);
      expect(pdfText(file, page)).toContain(block.title);
    }
  });

  it('draws the state diagram as vector graphics whose labels are text', async () => {
    const file = path.join(outDir, 'circuit-breaker.pdf');
    const pages = pageCount(file);
    const page = Array.from({ length: pages }, (_, index) => index + 1).find((n) => /Failure threshold exceeded/.test(pdfText(file, n)));
    expect(page).toBeDefined();
    const prefix = path.join(outDir, 'diagram');
    run('pdftoppm', ['-png', '-r', '40', '-f', String(page), '-l', String(page), file, prefix]);
    const png = await readFile(`${prefix}-${String(page).padStart(2, '0')}.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
    const text = pdfText(file, page);
    expect(text).toMatch(/Closed/);
    expect(text).toMatch(/Open/);
  });

  it('makes a link to a module outside the book plain text, not a broken link', async () => {
    const bytes = (await readFile(path.join(outDir, 'handbook.pdf'))).toString('latin1');
    expect(bytes).not.toContain('module.md');
    expect(pdfText(path.join(outDir, 'handbook.pdf'))).toContain('Bulkhead');
  });

  it('writes an EPUB that passes a structural check', async () => {
    const file = path.join(outDir, 'handbook.epub');
    const listing = run('unzip', ['-Z1', file]).trim().split('\n');
    expect(listing[0]).toBe('mimetype');
    expect(run('unzip', ['-Zv', file, 'mimetype'])).toMatch(/compression method:\s+none \(stored\)/);
    expect(run('unzip', ['-p', file, 'mimetype'])).toBe('application/epub+zip');
    const container = run('unzip', ['-p', file, 'META-INF/container.xml']);
    const opfPath = /full-path="([^"]+)"/.exec(container)?.[1];
    expect(opfPath && listing).toContain(opfPath);
    const opf = run('unzip', ['-p', file, opfPath!]);
    expect(opf).toMatch(/<package[^>]+version="3.0"/);
    expect(opf).toMatch(/properties="nav"/);
    const hrefs = [...opf.matchAll(/<item [^>]*href="([^"]+)"/g)].map((match) => path.posix.join(path.posix.dirname(opfPath!), match[1]!));
    for (const href of hrefs) expect(listing).toContain(href);
    expect(hrefs.some((href) => href.endsWith('.svg'))).toBe(true);
    const chapters = listing
      .filter((entry) => entry.endsWith('.xhtml'))
      .map((entry) => run('unzip', ['-p', file, entry]))
      .join('\n');
    for (const block of circuitBreaker.blocks) expect(chapters).toContain(block.title.replace(/&/g, '&amp;'));
  });

  it('writes a DOCX with the document, its styles and the diagrams', () => {
    const file = path.join(outDir, 'handbook.docx');
    const listing = run('unzip', ['-Z1', file]).trim().split('\n');
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) expect(listing).toContain(part);
    expect(listing.some((entry) => entry.startsWith('word/media/'))).toBe(true);
    const document = run('unzip', ['-p', file, 'word/document.xml']);
    for (const block of circuitBreaker.blocks) expect(document).toContain(block.title.replace(/&/g, '&amp;'));
  });
});

describe('emitPdf on edited copies', () => {
  it('reports a remote image with its place, and fetches nothing', async () => {
    const requests: string[] = [];
    const server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const module = await editedModule((text) => text.replace(':::hook\n', `:::hook\n![status](http://127.0.0.1:${port}/status.png)\n\n`));
      const out = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-remote-'));
      const outputCache = openOutputCache(await mkdtemp(path.join(os.tmpdir(), 'press-pdf-outputs-')));
      const remote = await emitPdf({ ...publication, modules: [module] }, { outDir: out, cacheDir, browser, outputCache });
      // A document with a diagnostic is not stored: the next build reports it again instead of hiding it behind a hit.
      expect(outputCache.stats.stored).toBe(0);
      const again = await emitPdf({ ...publication, modules: [module] }, { outDir: out, cacheDir, browser, outputCache });
      expect(outputCache.stats.hits).toBe(0);
      expect(again.problems.flatMap((file) => file.messages).map((message) => message.ruleId)).toContain('remote-resource');
      const messages = remote.problems.flatMap((file) => file.messages);
      expect(messages.map((message) => message.ruleId)).toContain('remote-resource');
      const message = messages.find((candidate) => candidate.ruleId === 'remote-resource')!;
      expect(message.fatal).toBe(true);
      expect(message.file).toBe(path.join(modulesRoot, 'circuit-breaker', 'module.md'));
      expect(message.line).toBeGreaterThan(1);
      expect(message.reason).toContain(`127.0.0.1:${port}`);
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  }, 300_000);

  it('reports a diagram Mermaid cannot draw at the line Mermaid names, and prints a placeholder', async () => {
    const module = await editedModule((text) => text.replace('```mermaid\nflowchart LR\n', '```mermaid\nflowchart LR\n  A --> ((( oops\n'));
    const broken = [...module.blocks.flatMap((block) => block.diagrams)].find((diagram) => diagram.source.includes('oops'))!;
    expect(broken).toBeDefined();
    const out = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-diagram-'));
    const made = await emitPdf({ ...publication, modules: [module] }, { outDir: out, cacheDir, browser });
    const messages = made.problems.flatMap((file) => file.messages).filter((message) => message.ruleId === 'diagram-invalid');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.reason).toMatch(/^Mermaid cannot draw this flowchart: Parse error on line 2:/);
    expect(messages[0]!.line).toBe(broken.position!.line + 2);
    expect(run('pdftotext', [path.join(out, 'circuit-breaker.pdf'), '-'])).toContain('Diagram not rendered.');
  }, 300_000);

  it('gives byte-identical outputs for the same input', async () => {
    const module = await editedModule((text) => text);
    const small = { ...publication, modules: [module] };
    const [a, b] = [await mkdtemp(path.join(os.tmpdir(), 'press-pdf-a-')), await mkdtemp(path.join(os.tmpdir(), 'press-pdf-b-'))];
    const first = await emitPdf(small, { outDir: a, cacheDir, browser });
    await emitPdf(small, { outDir: b, cacheDir, browser });
    expect(first.files.map((file) => path.basename(file))).toEqual(['circuit-breaker.pdf', 'handbook.docx', 'handbook.epub', 'handbook.pdf']);
    for (const name of first.files.map((file) => path.basename(file))) {
      expect(Buffer.compare(await readFile(path.join(a, name)), await readFile(path.join(b, name))), name).toBe(0);
    }
    // With an output cache: made and stored once, then copied (nothing printed), with the same bytes.
    const outputCache = openOutputCache(await mkdtemp(path.join(os.tmpdir(), 'press-pdf-outputs-')));
    const [c, d] = [await mkdtemp(path.join(os.tmpdir(), 'press-pdf-c-')), await mkdtemp(path.join(os.tmpdir(), 'press-pdf-d-'))];
    await emitPdf(small, { outDir: c, cacheDir, browser, outputCache });
    expect(outputCache.stats).toEqual({ hits: 0, misses: 2, stored: 2 });
    const cached = await emitPdf(small, { outDir: d, cacheDir, browser, outputCache });
    expect(outputCache.stats.hits).toBe(2);
    expect(cached.timings).toEqual({});
    expect(cached.files.map((file) => path.basename(file))).toEqual(first.files.map((file) => path.basename(file)));
    for (const name of first.files.map((file) => path.basename(file))) {
      expect(Buffer.compare(await readFile(path.join(a, name)), await readFile(path.join(d, name))), name).toBe(0);
    }
  }, 300_000);
});
