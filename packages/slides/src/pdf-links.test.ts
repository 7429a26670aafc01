import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { relativeDeckLinks } from './pdf.js';

/** A one-page PDF with a link annotation per URL, as Chromium writes them (absolute URIs). */
async function pdfWithLinks(urls: string[]): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([100, 100]);
  const annotations = urls.map((url) =>
    document.context.register(document.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) } })),
  );
  page.node.set(PDFName.of('Annots'), document.context.obj(annotations));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

async function actions(pdf: Buffer): Promise<string[]> {
  const document = await PDFDocument.load(pdf);
  const annotations = document.getPages()[0]!.node.lookup(PDFName.of('Annots')) as PDFArray;
  return annotations.asArray().map((_, index) => {
    const action = (annotations.lookup(index) as PDFDict).lookup(PDFName.of('A')) as PDFDict;
    const kind = action.get(PDFName.of('S'))!.toString();
    const target = action.lookup(PDFName.of(kind === '/GoToR' ? 'F' : 'URI')) as PDFString;
    return `${kind} ${target.decodeText()}`;
  });
}

describe('relativeDeckLinks', () => {
  it('turns a link to another deck into a link to its PDF and other links into the decks folder into relative ones; web links stay', async () => {
    const pdf = await pdfWithLinks([
      'file:///tmp/build/.staging-1/slides/bulkhead/index.html',
      'file:///tmp/build/.staging-1/slides/bulkhead/diagrams/d.svg',
      'https://example.org/x',
      'file:///elsewhere/y.html',
    ]);
    const fixed = await relativeDeckLinks(pdf, '/tmp/build/.staging-1/slides');
    expect(await actions(fixed)).toEqual(['/GoToR bulkhead.pdf', '/URI bulkhead/diagrams/d.svg', '/URI https://example.org/x', '/URI file:///elsewhere/y.html']);
    expect(fixed.toString('latin1')).not.toContain('.staging-1');
  });

  it('gives the same bytes whichever folder the decks were printed in, and leaves a PDF without such links untouched', async () => {
    const a = await relativeDeckLinks(await pdfWithLinks(['file:///tmp/a/.staging-7-x/slides/cqrs/index.html']), '/tmp/a/.staging-7-x/slides');
    const b = await relativeDeckLinks(await pdfWithLinks(['file:///tmp/bb/.staging-12345-yz/slides/cqrs/index.html']), '/tmp/bb/.staging-12345-yz/slides');
    expect(a.equals(b)).toBe(true);
    const plain = await pdfWithLinks(['https://example.org/']);
    expect(await relativeDeckLinks(plain, '/tmp/a/slides')).toBe(plain);
  });
});
