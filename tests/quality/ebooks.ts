import { execFile } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { zipEntry } from '../helpers.js';

/** Debian's epubcheck (a jar; its /usr/bin link needs binfmt support, so it is run with java). */
export const epubcheckJar = '/usr/share/java/epubcheck.jar';

/** epubcheck's verdict: its error and warning lines, and its summary line. */
export function epubcheck(file: string): Promise<{ problems: string[]; summary: string }> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', epubcheckJar, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      // epubcheck exits 1 when it finds errors: only a run without its summary is a failure to check.
      if (!/Messages: /.test(output)) return reject(new Error(`epubcheck did not run: ${error?.message ?? ''} ${output.slice(-2000)}`));
      resolve({ problems: output.split('\n').filter((line) => /^(FATAL|ERROR|WARNING)/.test(line)), summary: /Messages: .*/.exec(output)![0] });
    });
  });
}

type XmlNode = Record<string, unknown>;

/** Every element named `name` below `node` (fast-xml-parser's preserveOrder tree). */
function elements(node: unknown, name: string, out: XmlNode[] = []): XmlNode[] {
  if (Array.isArray(node)) for (const child of node) elements(child, name, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === name) out.push(node as XmlNode);
      elements(value, name, out);
    }
  }
  return out;
}

const attributes = (node: XmlNode) => (node[':@'] ?? {}) as Record<string, string>;

/** What a reader of the DOCX meets: page size, page breaks, pictures and the parts they show, the contents field's entries. */
export async function readDocx(file: string) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true });
  const document = parser.parse((await zipEntry(file, 'word/document.xml'))!.toString('utf8'));
  const relations = parser.parse((await zipEntry(file, 'word/_rels/document.xml.rels'))!.toString('utf8'));
  const targets = new Map(elements(relations, 'Relationship').map((node) => [attributes(node).Id!, attributes(node).Target!]));
  const pageSizes = elements(document, 'w:pgSz').map((node) => ({ width: Number(attributes(node)['w:w']), height: Number(attributes(node)['w:h']) }));
  const pageBreaks = elements(document, 'w:br').filter((node) => attributes(node)['w:type'] === 'page').length;
  const pictures = elements(document, 'pic:pic').map((picture) => {
    const blips = elements(picture, 'a:blip').map((blip) => targets.get(attributes(blip)['r:embed'] ?? '') ?? '');
    return { parts: blips };
  });
  const hyperlinks = elements(document, 'w:hyperlink').map((node) => attributes(node)['w:anchor']).filter((anchor): anchor is string => anchor !== undefined);
  const bookmarks = new Set(elements(document, 'w:bookmarkStart').map((node) => attributes(node)['w:name']));
  return { pageSizes, pageBreaks, pictures, hyperlinks, bookmarks };
}

/** Every XHTML document of an EPUB by its path in the zip (yauzl), for links and ids across its chapter files. */
export async function readEpubDocuments(file: string): Promise<Map<string, string>> {
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))));
  const documents = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: import('yauzl').Entry) => {
      if (!entry.fileName.endsWith('.xhtml')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
          documents.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return documents;
}

/** Links of an EPUB to `#<prefix>…` ids and whether each lands: the file it names holds that id. */
export function epubLinks(documents: ReadonlyMap<string, string>, prefix: string): { from: string; href: string; lands: boolean }[] {
  const links: { from: string; href: string; lands: boolean }[] = [];
  for (const [name, text] of documents) {
    for (const match of text.matchAll(/<a [^>]*href="([^"#]*)#([^"]+)"/g)) {
      if (!match[2]!.startsWith(prefix)) continue;
      const target = match[1] ? `${name.slice(0, name.lastIndexOf('/') + 1)}${match[1]}` : name;
      links.push({ from: name, href: `${match[1]}#${match[2]}`, lands: (documents.get(target) ?? '').includes(`id="${match[2]}"`) });
    }
  }
  return links;
}
