import { readFileSync } from 'node:fs';
import { create as openFont, type FontkitFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Language } from '../../i18n/language';
import { woffToSfnt } from './woff';

/**
 * The fonts every PDF of the registry is set in, embedded in the file (subset to the glyphs
 * used): DejaVu Sans from the @fontsource/dejavu-sans package, read from node_modules, so a
 * document looks the same on every reader and nothing is fetched at run time. pdfkit's 14
 * standard fonts are not embedded, and a PDF/A archive or a court's filing system refuses
 * them. DejaVu Sans draws Spanish, the rest of Latin, Greek and Cyrillic (a confusable serial
 * is printed as written).
 */
export const PDF_FONTS = {
  regular: 'Registry-Regular',
  bold: 'Registry-Bold',
  italic: 'Registry-Italic',
} as const;
export type PdfFont = (typeof PDF_FONTS)[keyof typeof PDF_FONTS];

const FONT_FILES: Record<PdfFont, string> = {
  [PDF_FONTS.regular]: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  [PDF_FONTS.bold]: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
  [PDF_FONTS.italic]: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-italic.woff',
};

let loaded: { files: Record<PdfFont, Buffer>; regular: FontkitFont } | undefined;

/** The font files, read once per process. */
function fonts(): { files: Record<PdfFont, Buffer>; regular: FontkitFont } {
  if (!loaded) {
    const files = Object.fromEntries(
      Object.entries(FONT_FILES).map(([name, path]) => [name, woffToSfnt(readFileSync(require.resolve(path)))]),
    ) as Record<PdfFont, Buffer>;
    loaded = { files, regular: openFont(files[PDF_FONTS.regular]) };
  }
  return loaded;
}

const PAGE_LABEL: Record<Language, (page: number, pages: number) => string> = {
  es: (page, pages) => `Página ${page} de ${pages}`,
  en: (page, pages) => `Page ${page} of ${pages}`,
};

/** "Página 3 de 12" / "Page 3 of 12". */
export function pageLabel(page: number, pages: number, language: Language): string {
  return PAGE_LABEL[language](page, pages);
}

/**
 * `text` as the embedded fonts can draw it: NFC, tabs and carriage returns as spaces, and any
 * character the font has no glyph for (or a control character) as "?", never a blank box.
 */
export function pdfSafe(text: string): string {
  const font = fonts().regular;
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\n') out += char;
    else if (char === '\t' || char === '\r') out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || !font.hasGlyphForCodePoint(code)) out += '?';
    else out += char;
  }
  return out;
}

export type PdfDocumentOptions = Omit<PDFKit.PDFDocumentOptions, 'bufferPages' | 'font'>;

/** The parts of pdfkit's page and document this module reaches past the public API for. */
interface PageInternals {
  content: { end(chunk?: unknown): void };
  dictionary: { data: { Contents: unknown } };
}
interface DocumentInternals {
  _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * Keeps a buffered document's memory near that of a streamed one. pdfkit holds a buffered
 * page's content as thousands of small buffers until the end (about 40 KB a table row), and
 * keeps the glyph layout of every distinct word it has set (a few KB each: every serial and
 * registry number is one). When a page is left, its content so far is written out (compressed,
 * emitted at once) and a second, empty content stream takes its place for the footer pass; the
 * words' layouts are forgotten. A page's content streams are drawn as one (ISO 32000-1 §7.7.3.3),
 * so the footer lands in the same coordinates.
 */
function sealPagesAsTheyFill(doc: PDFKit.PDFDocument): void {
  let open: PageInternals | null = null;
  doc.on('pageAdded', () => {
    if (open) {
      const written = open.content;
      written.end();
      const rest = doc.ref({});
      open.dictionary.data.Contents = [written, rest];
      open.content = rest;
    }
    open = doc.page as unknown as PageInternals;
    for (const font of Object.values((doc as unknown as DocumentInternals)._fontFamilies ?? {})) {
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  });
}

/**
 * A pdfkit document with the registry's fonts registered (PDF_FONTS; the regular one is
 * selected) and its pages kept until `finishPages`, which numbers them "Página N de M".
 * Listen to its 'data' and 'end' as with any PDFDocument; draw pages with the public API
 * (addPage, text, font(PDF_FONTS.bold)…), then call `finishPages(doc, language)` and
 * `doc.end()`. A page's content is written out as soon as the next page is added, so only
 * the footer pass writes to earlier pages: do not switchToPage back to draw anything else.
 */
export function createPdfDocument(options: PdfDocumentOptions = {}): PDFKit.PDFDocument {
  const { files } = fonts();
  const doc = new PDFDocument({ ...options, bufferPages: true });
  for (const name of Object.values(PDF_FONTS)) doc.registerFont(name, files[name]);
  doc.font(PDF_FONTS.regular);
  sealPagesAsTheyFill(doc);
  return doc;
}

export interface FinishPagesOptions {
  /** Drawn on each page before its number, e.g. a footer line naming the document. */
  footer?: (doc: PDFKit.PDFDocument, page: number, pages: number) => void;
  /** Distance of the page number's baseline area from the bottom edge (default 28 pt). */
  bottom?: number;
  /** Right edge of the page number, from the page's right edge (default the right margin). */
  right?: number;
}

/**
 * The footer pass: on every page written so far, "Página N de M" (en: "Page N of M") at the
 * bottom right, after the optional `footer`. Call once, after the last page and before
 * `doc.end()`. Writing below the bottom margin would make pdfkit open a new page, so the
 * margin is lifted while the footer is drawn.
 */
export function finishPages(doc: PDFKit.PDFDocument, language: Language, options: FinishPagesOptions = {}): void {
  const range = doc.bufferedPageRange();
  const pages = range.start + range.count;
  for (let index = range.start; index < pages; index += 1) {
    doc.switchToPage(index);
    const margins = doc.page.margins;
    const bottomMargin = margins.bottom;
    margins.bottom = 0;
    options.footer?.(doc, index + 1, pages);
    const label = pageLabel(index + 1, pages, language);
    doc.font(PDF_FONTS.bold).fontSize(8).fillColor('black');
    const x = doc.page.width - (options.right ?? margins.right) - doc.widthOfString(label);
    doc.text(label, x, doc.page.height - (options.bottom ?? 28), { lineBreak: false });
    margins.bottom = bottomMargin;
  }
}
