import { execFile } from 'node:child_process';

/** Debian's pandoc; PRESS_PANDOC overrides it. */
function pandocPath(): string {
  return process.env.PRESS_PANDOC ?? '/usr/bin/pandoc';
}

/**
 * The Markdown we assemble: pandoc's own dialect for citations and fenced
 * divs, lists without a blank line before them as in CommonMark, no TeX or
 * raw blocks. HTML is read as raw nodes (`raw_html`) only so that comments
 * are recognised as comments (without it pandoc prints `<!-- ... -->` as
 * text); tags never become divs or spans (`-native_divs`, `-native_spans`)
 * and nothing inside an HTML block is parsed as Markdown. The AST stage
 * drops the comments and turns every other raw node into plain text, so an
 * author's text can never inject markup. No definition lists: authors write
 * CommonMark, where a line starting with `: ` (`Ratio` / `: 3 to 1`) is text,
 * and pandoc would turn it into a list and drop the colon.
 */
export const markdownReader =
  'markdown+lists_without_preceding_blankline+raw_html-native_divs-native_spans-markdown_in_html_blocks-raw_attribute-raw_tex-tex_math_dollars-implicit_figures-definition_lists';

// Debian's pandoc cannot find its translation data inside --sandbox; the
// English defaults it falls back to are what we want, so this noise is dropped.
const harmless = [/^\[WARNING\] Could not load translations/, /^\s+data file translations\//, /^\[WARNING\] The term \w+ has no translation/];

export interface PandocResult {
  stdout: Buffer;
  warnings: string[];
}

/** Runs pandoc with `input` on stdin. A failing pandoc is an environment failure: it throws. */
export function runPandoc(args: readonly string[], input: string | Buffer = '', env: NodeJS.ProcessEnv = {}): Promise<PandocResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(pandocPath(), [...args], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const warnings = stderr
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !harmless.some((pattern) => pattern.test(line)));
      if (error) {
        reject(
          new Error(
            `pandoc ${args.join(' ')} failed: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `${pandocPath()} not found: install the Debian package pandoc` : warnings.join('\n') || error.message}`,
          ),
        );
        return;
      }
      resolve({ stdout, warnings });
    });
    // A pandoc that exits before reading all of its input closes the pipe; that is reported by the
    // exit above, and must not also crash the build as an unhandled EPIPE.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(input);
  });
}

let installedVersion: Promise<string> | undefined;

/** pandoc's version line, once per process: part of cached documents' keys, since another pandoc may write other bytes. */
export function pandocVersion(): Promise<string> {
  installedVersion ??= new Promise((resolve) => {
    execFile(pandocPath(), ['--version'], { timeout: 30_000 }, (error, stdout) => resolve(error ? `unknown ${pandocPath()}` : stdout.split('\n')[0]!.trim()));
  });
  return installedVersion;
}

/**
 * Parses our Markdown into pandoc's AST, in the sandbox, resolving citations
 * against `bibliography` (a CSL JSON file).
 */
export async function markdownToAst(markdown: string, bibliography: string): Promise<{ ast: PandocDocument; warnings: string[] }> {
  const { stdout, warnings } = await runPandoc(['--sandbox', '-f', markdownReader, '-t', 'json', '--citeproc', '--bibliography', bibliography], markdown);
  const ast = JSON.parse(stdout.toString('utf8')) as PandocDocument;
  // The temporary file's path is no part of the content: left in, it would reach the DOCX properties and the EPUB identifier.
  delete ast.meta.bibliography;
  return { ast, warnings };
}

/**
 * Standalone HTML from an AST we transformed, through our template, in the
 * sandbox. Without section divs: each id stays on its heading, so the named
 * destination Chromium writes is the heading's page (a section's box may
 * begin at the foot of the page before the one its heading moved to).
 */
export async function astToHtml(ast: PandocDocument, template: string): Promise<string> {
  const { stdout } = await runPandoc(['--sandbox', '-f', 'json', '-t', 'html5', '-s', '--template', template, '--highlight-style', 'tango'], JSON.stringify(ast));
  return stdout.toString('utf8');
}

/**
 * pandoc's runtime settings for the e-book writers, which hold the whole book:
 * the oldest generation collected in place (`-c`) instead of copied, so the
 * heap needs no room for a second copy of what is live.
 */
const bookWriterRts = ['+RTS', '-c', '-RTS'];

/**
 * EPUB or DOCX from the JSON of an AST we transformed (`input`, a file: the
 * book is never one string in node). Not sandboxed: Debian's pandoc
 * 2.17 cannot read its own EPUB and DOCX data files inside --sandbox. The
 * untrusted Markdown was parsed in the sandbox already, and the AST refers
 * to no file but the images we wrote under `--resource-path`, so the writer
 * reads only pandoc's data files, `input` and what `extraArgs` name.
 */
export async function astFileToFile(input: string, format: 'epub3' | 'docx', output: string, extraArgs: readonly string[], sourceDateEpoch: number): Promise<void> {
  await runPandoc([...bookWriterRts, '-f', 'json', '-t', format, '-o', output, '--toc', '--toc-depth=2', ...extraArgs, input], '', {
    SOURCE_DATE_EPOCH: String(sourceDateEpoch),
  });
}

/** Pandoc's JSON AST, as far as we look into it. */
export interface PandocDocument {
  'pandoc-api-version': number[];
  meta: Record<string, unknown>;
  blocks: PandocNode[];
}

export interface PandocNode {
  t: string;
  c?: unknown;
}

export type Attr = [string, string[], [string, string][]];
