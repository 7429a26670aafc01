import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { createRequire } from 'node:module';
import path from 'node:path';
import { visit } from 'unist-util-visit';

/**
 * Code highlighting as rehype-highlight does it (its default language set,
 * lowlight's `common`, the same highlight.js), but loading a language only
 * when a code block names it. rehype-highlight imports lowlight's index,
 * which loads all 190 highlight.js grammars at start-up, even in a process
 * that never renders Markdown (`press check`); here nothing of highlight.js
 * is loaded before the first code block, and then only its core and the
 * grammars the content uses.
 */

/** lowlight's `common` set, the languages rehype-highlight registers by default (highlight.js 11.11). */
export const commonLanguages: readonly string[] = [
  'arduino',
  'bash',
  'c',
  'cpp',
  'csharp',
  'css',
  'diff',
  'go',
  'graphql',
  'ini',
  'java',
  'javascript',
  'json',
  'kotlin',
  'less',
  'lua',
  'makefile',
  'markdown',
  'objectivec',
  'perl',
  'php',
  'php-template',
  'plaintext',
  'python',
  'python-repl',
  'r',
  'ruby',
  'rust',
  'scss',
  'shell',
  'sql',
  'swift',
  'typescript',
  'vbnet',
  'wasm',
  'xml',
  'yaml',
]; // prettier-ignore

/** The aliases those grammars declare (registering them all, in that order, maps each alias to this language). */
export const languageAliases: Readonly<Record<string, string>> = {
  ino: 'arduino',
  sh: 'bash',
  zsh: 'bash',
  h: 'c',
  cc: 'cpp',
  'c++': 'cpp',
  'h++': 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  cxx: 'cpp',
  cs: 'csharp',
  'c#': 'csharp',
  patch: 'diff',
  golang: 'go',
  gql: 'graphql',
  toml: 'ini',
  jsp: 'java',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsonc: 'json',
  json5: 'json',
  kt: 'kotlin',
  kts: 'kotlin',
  pluto: 'lua',
  mk: 'makefile',
  mak: 'makefile',
  make: 'makefile',
  md: 'markdown',
  mkdown: 'markdown',
  mkd: 'markdown',
  mm: 'objectivec',
  objc: 'objectivec',
  'obj-c': 'objectivec',
  'obj-c++': 'objectivec',
  'objective-c++': 'objectivec',
  pl: 'perl',
  pm: 'perl',
  text: 'plaintext',
  txt: 'plaintext',
  py: 'python',
  gyp: 'python',
  ipython: 'python',
  pycon: 'python-repl',
  rb: 'ruby',
  gemspec: 'ruby',
  podspec: 'ruby',
  thor: 'ruby',
  irb: 'ruby',
  rs: 'rust',
  console: 'shell',
  shellsession: 'shell',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  vb: 'vbnet',
  html: 'xml',
  xhtml: 'xml',
  rss: 'xml',
  atom: 'xml',
  xjb: 'xml',
  xsd: 'xml',
  xsl: 'xml',
  plist: 'xml',
  wsf: 'xml',
  svg: 'xml',
  yml: 'yaml',
}; // prettier-ignore

/**
 * The languages a grammar embeds (`subLanguage`: a `<script>` in XML is
 * JavaScript), which must be registered with it to highlight as before.
 * Only those of the common set: the others were never registered.
 */
export const embeddedLanguages: Readonly<Record<string, readonly string[]>> = {
  javascript: ['xml', 'css', 'graphql'],
  markdown: ['xml'],
  'php-template': ['xml', 'php'],
  'python-repl': ['python'],
  shell: ['bash'],
  typescript: ['xml', 'css', 'graphql'],
  xml: ['css', 'javascript'],
  yaml: ['ruby'],
};

const common = new Set(commonLanguages);

/** The language a code block's name stands for in the common set (highlight.js looks names and aliases up lower-cased), or undefined. */
function commonLanguageOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return common.has(lower) ? lower : languageAliases[lower];
}

type LanguageFn = (hljs: unknown) => unknown;

interface Lowlight {
  highlight(language: string, value: string, options?: { prefix?: string }): HastRoot;
  register(name: string, grammar: LanguageFn): void;
  registered(name: string): boolean;
}

interface Highlighter {
  lowlight: Lowlight;
  toText: (node: Element, options: { whitespace: 'pre' }) => string;
  grammar: (name: string) => LanguageFn;
}

let highlighter: Highlighter | undefined;

/**
 * rehype-highlight's own lowlight (without its index) and hast-util-to-text,
 * found beside it (pnpm keeps a package's dependencies next to it), so the
 * versions are exactly those rehype-highlight would use. Synchronous
 * (require of ES modules, Node 20.19+), as Markdown rendering is.
 */
function loadHighlighter(): Highlighter {
  if (highlighter) return highlighter;
  const require = createRequire(import.meta.url);
  const fromRehypeHighlight = createRequire(require.resolve('rehype-highlight'));
  const lowlightEntry = fromRehypeHighlight.resolve('lowlight');
  const fromLowlight = createRequire(lowlightEntry);
  const { createLowlight } = fromLowlight(path.join(path.dirname(lowlightEntry), 'lib', 'index.js')) as { createLowlight: () => Lowlight };
  const { toText } = fromRehypeHighlight('hast-util-to-text') as Pick<Highlighter, 'toText'>;
  highlighter = { lowlight: createLowlight(), toText, grammar: (name) => fromLowlight(`highlight.js/lib/languages/${name}`) as LanguageFn };
  return highlighter;
}

function ensureRegistered(loaded: Highlighter, name: string): void {
  if (loaded.lowlight.registered(name)) return;
  loaded.lowlight.register(name, loaded.grammar(name));
  for (const embedded of embeddedLanguages[name] ?? []) ensureRegistered(loaded, embedded);
}

/** The language a `pre > code` names (`language-x` or `lang-x`), false for `no-highlight`, as rehype-highlight reads it. */
function languageOf(node: Element): string | false | undefined {
  const list = node.properties.className;
  if (!Array.isArray(list)) return undefined;
  let name: string | undefined;
  for (const item of list) {
    const value = String(item);
    if (value === 'no-highlight' || value === 'nohighlight') return false;
    if (!name && value.slice(0, 5) === 'lang-') name = value.slice(5);
    if (!name && value.slice(0, 9) === 'language-') name = value.slice(9);
  }
  return name;
}

/** The rehype plugin: rehype-highlight with `detect: false` and its default languages, loaded on demand. */
export function rehypeHighlightOnDemand(options: { plainText?: readonly string[] } = {}) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'code' || !parent || parent.type !== 'element' || parent.tagName !== 'pre') return;
      const lang = languageOf(node);
      if (lang === false || !lang || options.plainText?.includes(lang)) return;
      if (!Array.isArray(node.properties.className)) node.properties.className = [];
      if (!node.properties.className.includes('hljs')) node.properties.className.unshift('hljs');
      const language = commonLanguageOf(lang);
      // Not a language rehype-highlight registers: it reports that and leaves the code as it is.
      if (language === undefined) return;
      const loaded = loadHighlighter();
      ensureRegistered(loaded, language);
      const result = loaded.lowlight.highlight(language, loaded.toText(node, { whitespace: 'pre' }));
      if (result.children.length > 0) node.children = result.children as ElementContent[];
    });
  };
}
