import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { degrees, drawText, PDFHexString, PDFName, PDFOperator, PDFOperatorNames, rgb, type PDFDocument, type PDFFont } from 'pdf-lib';

let footerFont: Promise<Uint8Array> | undefined;

/**
 * The footer's font file: the one fontconfig gives for Noto Sans (the face
 * the stylesheet names for page furniture), read once per process.
 */
function footerFontBytes(): Promise<Uint8Array> {
  footerFont ??= new Promise<string>((resolve, reject) =>
    execFile('fc-match', ['-f', '%{file}', 'Noto Sans:style=Regular'], (error, stdout) =>
      error ? reject(new Error(`fc-match failed: ${error.message}; install the Debian package fontconfig`)) : resolve(stdout.trim()),
    ),
  ).then((file) => readFile(file));
  return footerFont;
}

/**
 * Encodes footer text one character at a time, each character shaped once:
 * pdf-lib shapes every string with fontkit's OpenType layout, a millisecond
 * a page, and a footer of digits and "page of" needs no shaping (no
 * ligatures or kerning in it), so a book's footers cost almost nothing.
 */
function characterEncoder(font: PDFFont, size: number): { encode: (text: string) => PDFHexString; width: (text: string) => number } {
  const glyphs = new Map<string, { hex: string; width: number }>();
  const glyph = (character: string) => {
    let known = glyphs.get(character);
    if (!known) {
      glyphs.set(character, (known = { hex: font.encodeText(character).toString().slice(1, -1), width: font.widthOfTextAtSize(character, size) }));
    }
    return known;
  };
  return {
    encode: (text) => PDFHexString.of([...text].map((character) => glyph(character).hex).join('')),
    width: (text) => [...text].reduce((sum, character) => sum + glyph(character).width, 0),
  };
}

/**
 * Prints "page N of M" at the foot of every page but the first `skip` (the
 * cover), as page furniture (an `/Artifact`, outside the tagged structure),
 * and, for a document that is not published, `mark` (say "Review copy: not
 * published") at the left of the same line on every page, the cover too: a
 * single page printed from a review copy still says what it is.
 * Numbers are physical pages, so the contents, the viewer's page box and
 * the footer agree. Stamped after the merge: a chapter's print does not
 * depend on where it lands in the book, so it is printed once and cached.
 */
export async function stampPageNumbers(document: PDFDocument, options: { skip: number; mark?: string | undefined }): Promise<void> {
  document.registerFontkit(fontkit);
  // A fixed name: pdf-lib otherwise suffixes the subset's name at random, and equal input must give equal bytes.
  const font = await document.embedFont(await footerFontBytes(), { subset: true, customName: 'PressFooter-NotoSans' });
  const size = 8.5;
  const { encode, width } = characterEncoder(font, size);
  const pages = document.getPages();
  const draw = (text: string, x: number, color: ReturnType<typeof rgb>, key: PDFName) =>
    drawText(encode(text), { color, font: key, size, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x, y: 36 });
  pages.forEach((page, index) => {
    const numbered = index >= options.skip;
    if (!numbered && options.mark === undefined) return;
    const key = page.node.newFontDictionary(font.name, font.ref);
    const text = `page ${index + 1} of ${pages.length}`;
    page.pushOperators(
      PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]),
      ...(numbered ? draw(text, (page.getWidth() - width(text)) / 2, rgb(0.4, 0.4, 0.4), key) : []),
      // The left margin of the page (20 mm), in the reds of the cover's mark (light on the navy cover).
      ...(options.mark === undefined ? [] : draw(options.mark, 56.7, numbered ? rgb(0.7, 0.15, 0.12) : rgb(1, 0.71, 0.67), key)),
      PDFOperator.of(PDFOperatorNames.EndMarkedContent),
    );
  });
}
