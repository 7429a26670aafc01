import { escapeHtml } from '@pattern-press/render';
import type { TocEntry } from './ast.js';

/** A page break, as a paragraph of its own (pandoc passes `openxml` raw blocks to the DOCX writer, and no other). */
export const docxPageBreak = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

/** A4 with the print's margins (22 mm top, 20 mm sides, 24 mm bottom), in twentieths of a point. */
const a4Section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1247" w:right="1134" w:bottom="1361" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>';

/** The contents field's entries as Word would fill them in (without page numbers, which only a word processor's layout knows). */
function contentsEntries(entries: readonly TocEntry[]): string {
  return entries
    .filter((entry) => entry.level <= 2 && entry.id !== '')
    .map((entry) => {
      const text = escapeHtml(entry.number ? `${entry.number} ${entry.text}` : entry.text);
      return `<w:p><w:pPr><w:pStyle w:val="TOC${entry.level}"/><w:ind w:left="${(entry.level - 1) * 360}"/></w:pPr><w:hyperlink w:anchor="${escapeHtml(entry.id)}" w:history="1"><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:hyperlink></w:p>`;
    })
    .join('');
}

/**
 * pandoc's DOCX entries made ready to read: A4 pages (pandoc's reference document
 * has no page size, so Word and LibreOffice fall back to Letter), and a
 * contents field that already shows its entries, each a link to its
 * heading (pandoc leaves the field empty until a word processor updates it).
 */
export function finishedDocx(entries: ReadonlyMap<string, Buffer>, contents: readonly TocEntry[]): Map<string, Buffer> {
  const file = entries.get('word/document.xml');
  if (!file) throw new Error('pandoc wrote a DOCX without word/document.xml');
  let xml = file.toString('utf8');
  xml = xml.replace(/<w:sectPr\s*\/>(?=<\/w:body>)|<w:sectPr>(?:(?!<\/w:sectPr>)[\s\S])*<\/w:sectPr>(?=<\/w:body>)/, a4Section);
  if (!xml.includes('<w:pgSz')) xml = xml.replace('</w:body>', `${a4Section}</w:body>`);
  xml = xml.replace(
    /<w:fldChar w:fldCharType="separate" \/><w:fldChar w:fldCharType="end" \/><\/w:r><\/w:p>/,
    `<w:fldChar w:fldCharType="separate" /></w:r></w:p>${contentsEntries(contents)}<w:p><w:r><w:fldChar w:fldCharType="end" /></w:r></w:p>`,
  );
  return new Map([...entries, ['word/document.xml', Buffer.from(xml)]]);
}
