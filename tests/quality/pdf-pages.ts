import { readFile } from 'node:fs/promises';

/** One run of text as a reader's tool sees it: its face (subset prefix removed), size and baseline position in points. */
export interface Glyphs {
  text: string;
  font: string;
  size: number;
  x: number;
  y: number;
  /** Advance of the run along its baseline, in points. */
  width: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  runs: Glyphs[];
  /** All text of the page, whitespace and soft hyphens removed (for "does this page show X"). */
  squashed: string;
  /** Internal links: the named destination, or an explicit one, resolved to a page (undefined: nowhere). */
  links: { destination: string | undefined; page: number | undefined }[];
}

export interface PdfBook {
  pages: PdfPage[];
  /** Outline items depth first: level (1 = top), title, the page it opens. */
  outline: { level: number; title: string; page: number | undefined }[];
  /** The page (1-based) of every named destination. */
  destinations: Map<string, number>;
  info: Record<string, unknown>;
}

export function squash(text: string): string {
  return text.replace(/[\s\u00ad]+/g, '').toLowerCase();
}

/** Reads a PDF once with pdf.js: every page's text runs with face and size, its links, the outline, the destinations. */
export async function readPdfBook(file: string): Promise<PdfBook> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
  const pageOf = async (destination: unknown): Promise<number | undefined> => {
    const explicit = typeof destination === 'string' ? await document.getDestination(destination) : destination;
    const target = Array.isArray(explicit) ? explicit[0] : undefined;
    if (target === undefined || target === null) return undefined;
    return typeof target === 'number' ? target + 1 : (await document.getPageIndex(target)) + 1;
  };
  const destinations = new Map<string, number>();
  for (const [name, destination] of Object.entries((await document.getDestinations()) as Record<string, unknown>)) {
    const page = await pageOf(destination);
    if (page !== undefined) destinations.set(name, page);
  }
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    await page.getOperatorList();
    const content = await page.getTextContent();
    const runs: Glyphs[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [, , c, d, x, y] = item.transform as number[];
      const font = page.commonObjs.has(item.fontName) ? (page.commonObjs.get(item.fontName) as { name: string }).name : item.fontName;
      runs.push({ text: item.str, font: font.replace(/^[A-Z]{6}\+/, ''), size: Math.round(Math.hypot(c!, d!) * 100) / 100, x: x!, y: y!, width: item.width });
    }
    const links: PdfPage['links'] = [];
    for (const annotation of (await page.getAnnotations()) as { subtype: string; dest?: unknown; url?: string; action?: string }[]) {
      if (annotation.subtype !== 'Link' || annotation.url !== undefined || annotation.dest === undefined) continue;
      links.push({ destination: typeof annotation.dest === 'string' ? annotation.dest : undefined, page: await pageOf(annotation.dest) });
    }
    const [, , width, height] = page.view;
    pages.push({ number, width: width!, height: height!, runs, squashed: squash(runs.map((run) => run.text).join('')), links });
    page.cleanup();
  }
  const outline: PdfBook['outline'] = [];
  const walk = async (items: { title: string; dest: unknown; items: unknown[] }[] | null, level: number) => {
    for (const item of items ?? []) {
      outline.push({ level, title: item.title, page: await pageOf(item.dest) });
      await walk(item.items as never, level + 1);
    }
  };
  await walk((await document.getOutline()) as never, 1);
  const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
  await document.destroy();
  return { pages, outline, destinations, info };
}
