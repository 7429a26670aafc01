import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from './parse-catalog.js';
import { parseModule } from './parse-module.js';
import { lines, parse, placesAndRules, validBlock, validFrontMatter } from './test-helpers.js';

const modulesRoot = fileURLToPath(new URL('../../../modules/', import.meta.url));

/** A real module and its catalog entry, parsed from `text` (the file's own text, or an edited copy). */
async function realModule(text: (original: string) => string) {
  const catalog = parseCatalog(new VFile({ path: `${modulesRoot}catalog.yaml`, value: await readFile(`${modulesRoot}catalog.yaml`) }));
  const path = `${modulesRoot}circuit-breaker/module.md`;
  const original = await readFile(path, 'utf8');
  return parseModule(new VFile({ path, value: text(original) }), { catalogEntry: catalog.entries.get('circuit-breaker'), sourcePath: 'modules/circuit-breaker/module.md' });
}

describe('line endings', () => {
  it('a CRLF copy of a real module gives the same canonical document, places included, as its LF twin', async () => {
    const lf = await realModule((text) => text);
    const crlf = await realModule((text) => text.replace(/\r?\n/g, '\r\n'));
    expect(lf.file.messages).toEqual([]);
    expect(crlf.file.messages).toEqual([]);
    expect(JSON.stringify(crlf.document)).not.toContain('\\r');
    expect(crlf.document).toEqual(lf.document);
    expect(crlf.pointers.entries()).toEqual(lf.pointers.entries());
  });

  it('old Mac line endings (CR alone) too', () => {
    const lf = parse(validFrontMatter + validBlock);
    expect(parse((validFrontMatter + validBlock).replace(/\n/g, '\r')).document).toEqual(lf.document);
  });
});

describe('colons in prose', () => {
  const prose = 'The job runs at 09:00:00, the ratio is 3:1, set key:value, use std::vector, see http://x:8080 and :name here.';
  const leaf = '::leaf-like text at the start of a line';

  it('times, ratios, key:value and std::vector parse with no diagnostic and reach the document as written', () => {
    const parsed = parse(validFrontMatter + validBlock.replace('Why care?', `${prose}\n${leaf}`));
    expect(lines(parsed)).toEqual([]);
    expect(parsed.document!.blocks[0]!.hook!.markdown).toBe(`${prose}\n${leaf}`);
  });

  it('a misspelt container directive is still directive-unknown', () => {
    const parsed = parse(validFrontMatter + validBlock.replace(':::hook', ':::hoook'));
    expect(lines(parsed)).toContain('demo/module.md:26:1: error directive-unknown: unknown directive `:::hoook` (did you mean `hook`?)');
  });
});

describe('diagnostics at the place of the problem', () => {
  it('NUL bytes: at the first NUL', () => {
    expect(placesAndRules(parse('---\nslug: demo\ntitle: a\u0000b\n---\n'))).toEqual(['3:9 file-binary']);
    expect(placesAndRules(parse(new TextEncoder().encode('---\r\nslug: demo\r\n\u0000')))).toEqual(['3:1 file-binary']);
  });

  const bomb = [
    'lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    'lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n');

  it('an alias bomb in the front matter: at the alias that passes the limit, with its anchor as the cause', () => {
    const parsed = parse(`---\nslug: demo\n${bomb}\n---\n`);
    // Line 5 is `lol3`: its sixth `*b` is where the expansion passes 50 (9 values per *b).
    expect(lines(parsed)).toEqual([
      'demo/module.md:5:31: error yaml-syntax: alias `*b` takes the YAML past 50 alias expansions (an alias bomb) (write the values out instead of nesting aliases of aliases)\n' +
        '  demo/module.md:4:7: note: the anchor `&b`',
    ]);
  });

  it('an alias bomb in catalog.yaml, and an alias of no anchor', () => {
    const catalog = parseCatalog(new VFile({ path: '/m/catalog.yaml', value: `categories: []\n${bomb}\n` }));
    expect(catalog.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:31 yaml-syntax']);
    const unresolved = parseCatalog(new VFile({ path: '/m/catalog.yaml', value: 'categories: []\npatterns: [*none]\n' }));
    expect(unresolved.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`)).toEqual(['2:12 yaml-syntax: alias `*none` names no anchor']);
  });
});
