import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import rehypeHighlight from 'rehype-highlight';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import { describe, expect, it } from 'vitest';
import { commonLanguages, embeddedLanguages, languageAliases, rehypeHighlightOnDemand } from './highlight.js';

const plainText = ['mermaid', 'text'];

function render(markdown: string, highlight: 'reference' | 'on-demand'): string {
  const processor = unified().use(remarkParse).use(remarkRehype);
  if (highlight === 'reference') processor.use(rehypeHighlight, { detect: false, plainText });
  else processor.use(rehypeHighlightOnDemand as unknown as Plugin<[{ plainText: string[] }]>, { plainText });
  return String(processor.use(rehypeStringify).processSync(markdown));
}

/** One snippet with something for every grammar: tags with script and style (XML's embedded languages), code, YAML, a shell prompt. */
const snippet = [
  '<div class="a" id=\'b\'><script>const x = 1; // c</script><style>a { color: red; }</style>&amp;</div>',
  'function f(x: number) { return "s" + 1 + `t${x}`; } /* block */ # comment',
  'key: value',
  '- item: [1, 2.5, true, null]',
  '$ echo "hi" | grep h',
  '>>> print(1)',
  'SELECT * FROM t WHERE a = 1;',
  '--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new',
].join('\n');

function fence(language: string, body = snippet): string {
  return `\`\`\`${language}\n${body}\n\`\`\`\n`;
}

describe('rehypeHighlightOnDemand', () => {
  it('highlights exactly as rehype-highlight does, for every language, alias and odd name', () => {
    const names = [...commonLanguages, ...Object.keys(languageAliases), 'Python', 'JS', 'cobol', 'mermaid', 'text', 'no-highlight', ''];
    for (const name of names) {
      const markdown = fence(name);
      expect(render(markdown, 'on-demand'), name).toBe(render(markdown, 'reference'));
    }
    const markdown = `${fence('python', 'def f():\n    return 1')}\n<pre><code class="nohighlight language-js">x</code></pre>\n\n    indented`;
    expect(render(markdown, 'on-demand')).toBe(render(markdown, 'reference'));
  });

  it('knows the languages, aliases and embedded languages of the grammars it loads', () => {
    const require = createRequire(import.meta.url);
    const fromRehypeHighlight = createRequire(require.resolve('rehype-highlight'));
    const fromLowlight = createRequire(fromRehypeHighlight.resolve('lowlight'));
    const hljs = fromLowlight('highlight.js/lib/core');
    const aliases: Record<string, string> = {};
    const embedded: Record<string, string[]> = {};
    for (const name of commonLanguages) {
      const grammar = fromLowlight(`highlight.js/lib/languages/${name}`)(hljs) as { aliases?: string[] };
      for (const alias of grammar.aliases ?? []) aliases[alias] = name;
      const found = new Set<string>();
      const seen = new Set<object>();
      const walk = (mode: unknown) => {
        if (!mode || typeof mode !== 'object' || seen.has(mode)) return;
        seen.add(mode);
        const sub = (mode as { subLanguage?: string | string[] }).subLanguage;
        for (const language of [sub ?? []].flat()) if (commonLanguages.includes(language) && language !== name) found.add(language);
        for (const value of Object.values(mode)) (Array.isArray(value) ? value : [value]).forEach(walk);
      };
      walk(grammar);
      if (found.size > 0) embedded[name] = [...found];
    }
    expect(aliases).toEqual(languageAliases);
    expect(Object.fromEntries(Object.entries(embedded).map(([name, list]) => [name, [...list].sort()]))).toEqual(
      Object.fromEntries(Object.entries(embeddedLanguages).map(([name, list]) => [name, [...list].sort()])),
    );
  });

  it('loads no grammar until a code block needs one, then only those it needs (a fresh process, compiled code)', async () => {
    const dist = pathToDist('index.js');
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(${JSON.stringify(dist)});
      const grammars = () => Object.keys(require.cache).filter((file) => file.includes('/highlight.js/')).map((file) => file.split('/highlight.js/')[1]).sort();
      const { markdownToHtml } = await import(${JSON.stringify(dist)});
      const before = grammars();
      const html = markdownToHtml(${JSON.stringify(fence('html'))});
      console.log(JSON.stringify({ before, after: grammars(), html }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const result = JSON.parse(stdout) as { before: string[]; after: string[]; html: string };
    expect(result.before).toEqual([]);
    expect(result.after).toEqual(['lib/core.js', 'lib/languages/css.js', 'lib/languages/graphql.js', 'lib/languages/javascript.js', 'lib/languages/xml.js']);
    // In a fresh process too (only XML's closure registered), the output is rehype-highlight's with every grammar.
    const { markdownToHtml } = await import('./markdown.js');
    expect(result.html).toBe(markdownToHtml(fence('html')));
    expect(result.html).toContain('hljs-attr');
    expect(result.html).toContain('hljs-keyword');
  });
});

function pathToDist(file: string): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', file);
}
