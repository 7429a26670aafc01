// End to end: what an author's links, files beside module.md and HTML comments become in the finished PDF, EPUB and DOCX.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseModule, type ModuleAsset, type Publication } from '@pattern-press/format';
import { launchBrowser } from '@pattern-press/render';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText, transformAst, type AstContext } from './ast.js';
import { emitPdf } from './emit.js';
import { markdownToAst } from './pandoc.js';
import { withDocumentInfo } from './pdf-info.js';
import { circuitBreakerPublication, modulesRoot } from './fixtures.test-helpers.js';

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function flat(text: string): string {
  // A soft hyphen (U+00AD) stays in the text layer where the line did not break there, and prints as U+2010 where it did.
  return text.replace(/\u00ad/g, '').replace(/[-\u2010]\n(?=[a-z])/g, '').replace(/\s+/g, ' ');
}

const config = Buffer.from('failure_threshold: 5\nrecovery_timeout: 30\n');

/** Every form of link an author can write, a file beside module.md, HTML comments, and colons in prose. */
const hook = `:::hook
Plain [plain link](javascript:alert(1)), entity [entity link](&#106;avascript:alert(2)),
autolink <javascript:alert(3)>, reference [reference link][r], data [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==),
file [file link](file:///etc/passwd), vbscript [vb link](vbscript:msgbox), protocol-relative [pr link](//evil.example/x),
fine [web link](https://example.com/ok) and [mail link](mailto:team@example.com),
then [download the config](config.yaml), and [attributes](https://example.com/a){onclick="alert(6)" style="color:red"}.

The job runs at 09:00:00, the ratio is 3:1, set key:value and use std::vector.

![data image](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoNykiLz4=)

[r]: javascript:alert(4)

<!-- TODO: do not publish -->

An inline <!-- secret note --> comment.
`;

let browser: Browser;
let outDir: string;
let workPrefix: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const { collection, publication } = await circuitBreakerPublication();
  const filePath = path.join(modulesRoot, 'circuit-breaker', 'module.md');
  const text = (await readFile(filePath, 'utf8')).replace(':::hook\n', hook);
  const parsed = parseModule(new VFile({ path: filePath, value: text }), { catalogEntry: collection.catalog.entries.get('circuit-breaker') });
  const document = parsed.document!;
  const module = { ...document, blocks: document.blocks.slice(0, 1), case_studies: [], exam: { ...document.exam!, questions: document.exam!.questions.slice(0, 1) } };
  const asset: ModuleAsset = { path: 'config.yaml', bytes: config, sha256: createHash('sha256').update(config).digest('hex'), mediaType: 'application/yaml' };
  const small: Publication = { ...publication, modules: [module], assets: new Map([['circuit-breaker', { files: new Map([['config.yaml', asset]]), reported: new Set<string>() }]]) };
  outDir = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-links-'));
  workPrefix = path.join(os.tmpdir(), 'press-pdf-');
  await emitPdf(small, { outDir, cacheDir: await mkdtemp(path.join(os.tmpdir(), 'press-pdf-links-cache-')), browser });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Every action of every link annotation: its kind and where it goes (a URI, or a file for Launch and GoToR). */
async function linkActions(file: string): Promise<string[]> {
  const document = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const text = (value: unknown): string => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value instanceof PDFDict ? text(value.lookup(PDFName.of('F'))) : String(value));
  const actions: string[] = [];
  for (const page of document.getPages()) {
    const annotations = page.node.lookup(PDFName.of('Annots'));
    if (!(annotations instanceof PDFArray)) continue;
    for (let i = 0; i < annotations.size(); i++) {
      const annotation = annotations.lookup(i);
      if (!(annotation instanceof PDFDict)) continue;
      const action = annotation.lookup(PDFName.of('A'));
      if (!(action instanceof PDFDict)) continue;
      const kind = String(action.lookup(PDFName.of('S')));
      const target = action.lookup(PDFName.of('URI')) ?? action.lookup(PDFName.of('F'));
      actions.push(`${kind} ${target === undefined ? '' : text(target)}`);
    }
  }
  return actions;
}

function zipEntries(file: string, pattern: RegExp): string {
  return run('unzip', ['-Z1', file])
    .trim()
    .split('\n')
    .filter((entry) => pattern.test(entry))
    .map((entry) => run('unzip', ['-p', file, entry]))
    .join('\n');
}

const unsafe = /javascript:|vbscript:|data:text|file:|evil\.example|alert\(/i;

describe('links in the finished files', () => {
  it('PDFs: only http, https and mailto links; none into a file or the build folder', async () => {
    for (const name of ['circuit-breaker.pdf', 'handbook.pdf']) {
      const actions = await linkActions(path.join(outDir, name));
      const uris = actions.filter((action) => action.startsWith('/URI'));
      expect(uris, name).toEqual(expect.arrayContaining(['/URI https://example.com/ok', '/URI mailto:team@example.com']));
      for (const action of actions) {
        expect(action, name).toMatch(/^\/URI (https?|mailto):/);
        expect(action, name).not.toMatch(unsafe);
        expect(action, name).not.toContain(workPrefix);
      }
      const text = flat(run('pdftotext', [path.join(outDir, name), '-']));
      // The link text stays; only the target is gone.
      for (const words of ['plain link', 'entity link', 'reference link', 'data link', 'file link', 'vb link', 'pr link']) expect(text, name).toContain(words);
    }
  });

  it('EPUB: no unsafe href or src, no attribute an author smuggled in, the link text kept', () => {
    const chapters = zipEntries(path.join(outDir, 'handbook.epub'), /\.xhtml$/);
    const hrefs = [...chapters.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs).toEqual(expect.arrayContaining(['https://example.com/ok', 'mailto:team@example.com']));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|#|[\w./-]+\.(xhtml|css|svg|png)(#[\w-]*)?$)/);
    // Every attribute value: a URL the policy refuses may stay only as visible text (an autolink's text is its URL).
    for (const [, name, value] of chapters.matchAll(/\s([\w:-]+)="([^"]*)"/g)) expect(`${name}=${value}`).not.toMatch(unsafe);
    expect(chapters).not.toMatch(/\sonclick=|\sonload=|style="color:red"/);
    expect(chapters).toContain('plain link');
    for (const media of zipEntries(path.join(outDir, 'handbook.epub'), /\.svg$/).split('</svg>')) expect(media).not.toMatch(/onload=|alert\(/);
  });

  it('DOCX: every external relationship is http, https or mailto', () => {
    const file = path.join(outDir, 'handbook.docx');
    const rels = zipEntries(file, /^word\/_rels\/document\.xml\.rels$/);
    const external = [...rels.matchAll(/<Relationship [^>]*Target="([^"]*)"[^>]*TargetMode="External"/g)].map((match) => match[1]!);
    expect(external).toEqual(expect.arrayContaining(['https://example.com/ok', 'mailto:team@example.com']));
    for (const target of external) expect(target).toMatch(/^(https?|mailto):/);
    expect(rels).not.toMatch(unsafe);
    expect(rels).not.toContain(workPrefix);
    expect(zipEntries(file, /^word\/document\.xml$/)).toContain('plain link');
  });
});

describe('files beside module.md', () => {
  it('are attached to each PDF with their bytes, and the link says so', async () => {
    // The handbook here holds one module, so the name needs no slug (see the AST test for two).
    for (const [name, attachment] of [['circuit-breaker.pdf', 'config.yaml'], ['handbook.pdf', 'config.yaml']] as const) {
      const file = path.join(outDir, name);
      expect(run('pdfdetach', ['-list', file])).toContain(`1: ${attachment}`);
      const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'press-pdf-detach-')), 'config.yaml');
      run('pdfdetach', ['-save', '1', '-o', saved, file]);
      expect(Buffer.compare(await readFile(saved), config), name).toBe(0);
      expect(flat(run('pdftotext', [file, '-'])), name).toContain(`download the config (${attachment}, attached to this PDF)`);
    }
  });

  it('are named in the EPUB and DOCX text, never linked by a file or temporary path', () => {
    const chapters = zipEntries(path.join(outDir, 'handbook.epub'), /\.xhtml$/);
    expect(flat(chapters)).toContain('download the config (config.yaml, attached to the PDF edition)');
    expect(chapters).not.toMatch(/href="[^"]*config\.yaml"/);
    const docx = path.join(outDir, 'handbook.docx');
    expect(zipEntries(docx, /^word\/_rels\/document\.xml\.rels$/)).not.toContain('config.yaml');
    expect(zipEntries(docx, /^word\/document\.xml$/)).toContain('config.yaml, attached to the PDF edition');
  });
});

describe('attachments and equal bytes', () => {
  it('a PDF with an attachment is the same bytes for the same input', async () => {
    const pdf = await readFile(path.join(outDir, 'circuit-breaker.pdf'));
    const info = { title: 't', author: 'a', subject: 's', keywords: [], language: 'en-GB', date: new Date(0), attachments: [{ name: 'config.yaml', bytes: config }] };
    const [first, second] = [await withDocumentInfo(pdf, info), await withDocumentInfo(pdf, info)];
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
  });
});

describe('HTML comments and colons in prose', () => {
  it('comments appear in no output; times, ratios and std::vector come out as written', async () => {
    const pdfs = (await readdir(outDir)).filter((name) => name.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(['circuit-breaker.pdf', 'handbook.pdf']);
    const texts = [
      ...pdfs.map((name) => flat(run('pdftotext', [path.join(outDir, name), '-']))),
      flat(zipEntries(path.join(outDir, 'handbook.epub'), /\.xhtml$/).replace(/<[^>]+>/g, '')),
      flat(zipEntries(path.join(outDir, 'handbook.docx'), /^word\/document\.xml$/).replace(/<[^>]+>/g, '')),
    ];
    for (const text of texts) {
      expect(text).not.toContain('do not publish');
      expect(text).not.toContain('secret note');
      expect(text).not.toMatch(/<!|&lt;!/);
      expect(text).toContain('An inline comment.');
      expect(text).toContain('The job runs at 09:00:00, the ratio is 3:1, set key:value and use std::vector.');
    }
  });
});

describe('the AST stage on its own', () => {
  const context = (files: AstContext['files']): AstContext => ({
    mode: 'html',
    present: new Set(['circuit-breaker', 'bulkhead']),
    diagram: () => undefined,
    asset: () => undefined,
    file: (slug, href) => (slug === 'circuit-breaker' && href === 'files/config.yaml' ? config : undefined),
    files,
  });
  const markdown = [
    '::: {.part module="circuit-breaker"}',
    'Get [the config](files/config.yaml) and [the other](missing.txt).',
    '',
    '<div style="color:red">raw</div>',
    '',
    'Text <span onclick="alert(1)">span</span> and [styled]{onmouseover="alert(2)" .note} <!-- gone -->',
    '',
    '<!--',
    'a block comment',
    '-->',
    '',
    'The ratio',
    ': 3 to 1, at 09:00:00, key:value, std::vector.',
    ':::',
  ].join('\n');

  /** Every key-value attribute pair anywhere in the tree. */
  const attributePairs = (value: unknown): unknown[] =>
    Array.isArray(value)
      ? value.length === 3 && typeof value[0] === 'string' && Array.isArray(value[1]) && Array.isArray(value[2])
        ? (value[2] as unknown[])
        : value.flatMap(attributePairs)
      : typeof value === 'object' && value !== null
        ? Object.values(value).flatMap(attributePairs)
        : [];

  it('names attachments by slug in a document of several modules; raw HTML becomes text; comments and smuggled attributes go', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-ast-'));
    const bibliography = path.join(dir, 'library.json');
    await writeFile(bibliography, '[]');
    const { ast } = await markdownToAst(markdown, bibliography);
    const { document, attachments } = transformAst(ast, context('attach'));
    expect(attachments).toEqual([{ name: 'circuit-breaker/files/config.yaml', bytes: config }]);
    // The print's text carries soft hyphens (U+00AD) at the break points of long words.
    const text = plainText(document.blocks).replace(/\u00ad/g, '');
    expect(text).toContain('Get the config (circuit-breaker/files/config.yaml, attached to this PDF) and the other (circuit-breaker/missing.txt, not included).');
    expect(text).toContain('<div style="color:red">raw</div>');
    expect(text).toContain('Text <span onclick="alert(1)">span</span> and styled');
    expect(text).not.toMatch(/gone|block comment/);
    // CommonMark has no definition lists: the colon line is text, as the checks read it.
    expect(text).toContain('The ratio : 3 to 1, at 09:00:00, key:value, std::vector.');
    const json = JSON.stringify(document);
    expect(json).not.toMatch(/"Raw(Block|Inline)"/);
    // The module marker is ours; the author's onmouseover is gone, its class stays.
    expect(attributePairs(document.blocks)).toEqual([['module', 'circuit-breaker']]);
    expect(json).toContain('"note"');
    const named = transformAst(ast, context('name'));
    expect(named.attachments).toEqual([]);
    expect(plainText(named.document.blocks).replace(/\u00ad/g, '')).toContain('(circuit-breaker/files/config.yaml, attached to the PDF edition)');
  });
});
