import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewrittenHref } from './anchors.js';
import { plainText, transformAst, type AstContext } from './ast.js';
import { escapeMarkdown, fencedCode } from './markdown-text.js';
import { astToHtml, markdownToAst, markdownReader, runPandoc } from './pandoc.js';
import { htmlTemplate } from './template.js';

describe('rewrittenHref', () => {
  const present = new Set(['circuit-breaker', 'bulkhead']);
  it('turns links between modules into anchors of the book, or nothing when the module is absent', () => {
    expect(rewrittenHref('../bulkhead/module.md', 'circuit-breaker', present)).toBe('#bulkhead');
    expect(rewrittenHref('../bulkhead/module.md#pools', 'circuit-breaker', present)).toBe('#bulkhead--pools');
    expect(rewrittenHref('../saga/module.md', 'circuit-breaker', present)).toBeUndefined();
    expect(rewrittenHref('#mechanics', 'circuit-breaker', present)).toBe('#circuit-breaker--mechanics');
    expect(rewrittenHref('https://example.com/x', 'circuit-breaker', present)).toBe('https://example.com/x');
  });
});

describe('markdown text', () => {
  it('escapes YAML text so pandoc reads it literally', async () => {
    const text = 'a *b* [c](d) <script>x</script> `e` @f | g';
    const { stdout } = await runPandoc(['-f', markdownReader, '-t', 'plain'], escapeMarkdown(text));
    expect(stdout.toString().trim()).toBe(text);
  });
  it('fences code that itself holds backtick fences', () => {
    expect(fencedCode('```\nx\n```', 'markdown')).toMatch(/^```` markdown\n```\nx\n```\n````$/);
  });
});

describe('the AST stage, with real pandoc', () => {
  const context: AstContext = {
    mode: 'html',
    present: new Set(['circuit-breaker', 'bulkhead']),
    diagram: (source) => (source.startsWith('flowchart') ? '<svg id="d1"><text>A</text></svg>' : undefined),
    asset: () => undefined,
    file: () => undefined,
    files: 'name',
  };
  const markdown = [
    '::: {.part module="circuit-breaker"}',
    'See [Bulkhead](../bulkhead/module.md#pools), [Saga](../saga/module.md) and [@nygard].',
    '',
    '![remote](https://example.com/x.png)',
    '',
    '```mermaid',
    'flowchart LR',
    '  A --> B',
    '```',
    '',
    '<script>alert(1)</script>',
    '',
    '```{=html}',
    '<img src="https://example.com/y.png">',
    '```',
    ':::',
  ].join('\n');

  it('rewrites links, swaps diagrams, drops remote images and never lets raw HTML through', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'press-pdf-ast-'));
    const bibliography = path.join(dir, 'library.json');
    await writeFile(bibliography, JSON.stringify([{ id: 'nygard', type: 'book', title: 'Release It!', author: [{ family: 'Nygard' }], issued: { 'date-parts': [[2018]] } }]));
    const { ast } = await markdownToAst(markdown, bibliography);
    expect(ast.meta.bibliography).toBeUndefined();
    const { document } = transformAst(ast, context);
    const template = path.join(dir, 'template.html');
    await writeFile(template, htmlTemplate('body { color: black; }'));
    const html = (await astToHtml(document, template)).replace(/\s+/g, ' ');
    expect(html).toContain('href="#bulkhead--pools"');
    expect(html).not.toContain('module.md');
    expect(html).toContain('<span class="xref-absent">Saga</span>');
    expect(html).toMatch(/<figure class="diagram"><svg id="d1"[^>]* role="img" aria-label="[^"]+">/);
    expect(html).toMatch(/<figcaption><span class="figure-no">Figure 1:<\/span>/);
    expect(html).toContain('[image: remote]');
    // The author's raw block is shown as code, escaped: no element is made from it.
    expect(html).not.toMatch(/<script>alert|<img|src="https:/);
    expect(html).toContain('Nygard 2018');
    expect(html).toContain('window.__pressReady = true');
  });

  it('gives plain text of inlines for the contents and the outline', () => {
    expect(plainText([{ t: 'Str', c: 'A' }, { t: 'Space' }, { t: 'Emph', c: [{ t: 'Code', c: [['', [], []], 'b()'] }] }])).toBe('A b()');
  });
});
