import { createPdfDocument, finishPages, PDF_FONTS, pdfSafe, type PdfFont } from './pdf/pdf-document';
import { type CellContext, pdfCell } from './report-cells';
import type { Column, ReportRow } from './report-kinds';
import type { Emit, ReportMeta, RowWriter } from './report-text.writers';
import { formatTime, paramName, type ReportTexts, reportTexts, utcTime } from './report-texts';

const MARGIN_X = 36;
const MARGIN_TOP = 78;
const MARGIN_BOTTOM = 44;
const CELL_PAD = 3;
const TABLE_FONT_SIZE = 7.5;
/** Tables of more columns than this (the UNODC questionnaire's 18) are set smaller. */
const WIDE_TABLE = 14;
const WIDE_TABLE_FONT_SIZE = 6.5;
/** A cell taller than this is cut with an ellipsis, so one row never outgrows a page. */
const MAX_ROW_HEIGHT = 160;

/**
 * A report as a PDF in the requester's language, set in the embedded fonts of
 * pdf/pdf-document.ts. Every page carries the ministry's heading, the report's title and id,
 * the audit entry (seq and hash) it is consistent with and "Página N de M"; a table's column
 * headings are repeated at the top of each page it runs onto. Codes are shown by their names
 * (each column says how), dates as the reader's language writes them.
 *
 * "de M" needs the page count, so `end` numbers the pages in a footer pass (finishPages);
 * each page's content is still written out as soon as the next page starts
 * (pdf/pdf-document.ts), so what is held stays small whatever the row count.
 */
export class PdfReportWriter implements RowWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<void>;
  private readonly text: ReportTexts;
  private readonly cells: CellContext;
  private y = 0;
  private table: { columns: readonly Column[]; widths: number[]; size: number; count: number } | null = null;
  private rows = 0;

  constructor(
    emit: Emit,
    private readonly meta: ReportMeta,
    layout: 'portrait' | 'landscape',
    districts: ReadonlyMap<string, string> = new Map(),
  ) {
    this.text = reportTexts(meta.language);
    this.cells = { language: meta.language, districts };
    this.doc = createPdfDocument({
      size: 'A4',
      layout,
      autoFirstPage: false,
      lang: meta.language === 'es' ? 'es-PA' : 'en',
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      info: {
        Title: meta.title,
        Author: this.text.registry,
        Subject: `${meta.kind} ${meta.id}`,
        CreationDate: meta.generatedAt,
      },
    });
    this.doc.on('data', (chunk: Buffer) => emit(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.newPage();
    this.intro();
  }

  /** The context PDF sections use to name codes (districts, countries, kinds) for the reader. */
  get cellContext(): CellContext {
    return this.cells;
  }

  get texts(): ReportTexts {
    return this.text;
  }

  private get left(): number {
    return MARGIN_X;
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN_X;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN_BOTTOM;
  }

  /** Text placed at an exact spot without wrapping, so pdfkit never breaks a page for it. */
  private place(text: string, x: number, y: number, font: PdfFont, size: number, align: 'left' | 'right' = 'left'): void {
    this.doc.font(font).fontSize(size);
    const safe = pdfSafe(text);
    const at = align === 'right' ? x - this.doc.widthOfString(safe) : x;
    this.doc.text(safe, at, y, { lineBreak: false });
  }

  private newPage(): void {
    this.doc.addPage();
    const right = this.left + this.width;
    this.place(this.text.ministry, this.left, 26, PDF_FONTS.bold, 9);
    this.place(this.text.registry, this.left, 38, PDF_FONTS.regular, 9);
    this.place(this.meta.title, right, 26, PDF_FONTS.bold, 9, 'right');
    this.place(this.text.reportNumber(this.meta.id), right, 38, PDF_FONTS.regular, 7.5, 'right');
    this.doc.moveTo(this.left, 54).lineTo(right, 54).lineWidth(0.7).strokeColor('#444444').stroke();
    this.y = MARGIN_TOP - 8;
    if (this.table) this.tableHead();
  }

  /** The footer of every page, drawn by the footer pass once the page count is known. */
  private footer(doc: PDFKit.PDFDocument): void {
    const right = this.left + this.width;
    const footerY = doc.page.height - MARGIN_BOTTOM + 16;
    doc.moveTo(this.left, footerY - 6).lineTo(right, footerY - 6).lineWidth(0.4).strokeColor('#888888').stroke();
    this.place(this.text.footer(utcTime(this.meta.generatedAt), this.meta.auditHeadSeq, this.meta.auditHeadHash), this.left, footerY, PDF_FONTS.regular, 6.5);
  }

  /** Starts a new page unless `height` more fits on this one. */
  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** Wrapped text across the page, starting at the current line. */
  private paragraph(text: string, font: PdfFont = PDF_FONTS.regular, size = 9, gap = 3): void {
    this.doc.font(font).fontSize(size);
    const safe = pdfSafe(text);
    const height = this.doc.heightOfString(safe, { width: this.width });
    this.ensure(height);
    this.doc.fillColor('black').text(safe, this.left, this.y, { width: this.width });
    this.y += height + gap;
  }

  private describeParams(): string {
    const entries = Object.entries(this.meta.params).filter(([, value]) => value !== undefined && value !== null);
    if (entries.length === 0) return this.text.noParams;
    return entries
      .map(([key, value]) => {
        const shown = key === 'district' && typeof value === 'string' ? `${this.cells.districts.get(value) ?? value} (${value})` : String(value);
        return `${paramName(key, this.meta.language)} = ${shown}`;
      })
      .join('; ');
  }

  private intro(): void {
    const { meta, text } = this;
    this.paragraph(meta.title, PDF_FONTS.bold, 15, 8);
    if (meta.answers) this.paragraph(text.answersTraceRequest(meta.answers.caseNumber, meta.answers.requestingAgency), PDF_FONTS.bold, 10, 5);
    this.paragraph(text.generated(utcTime(meta.generatedAt), formatTime(meta.generatedAt, meta.language)));
    this.paragraph(text.consistentWith(meta.auditHeadSeq, meta.auditHeadHash));
    this.paragraph(text.params(this.describeParams()));
    this.paragraph(`${text.requestedBy(meta.requestedByName, meta.requestedBy)} · ${text.reportNumber(meta.id)}`, PDF_FONTS.regular, 9, 12);
  }

  /** A section heading, kept on the same page as at least the first lines under it. */
  heading(text: string): void {
    this.ensure(60);
    this.y += 4;
    this.paragraph(text, PDF_FONTS.bold, 11, 5);
  }

  note(text: string): void {
    this.paragraph(text, PDF_FONTS.italic, 8.5, 6);
  }

  startTable(columns: readonly Column[]): void {
    const shown = columns.filter((column) => column.pdf !== false);
    const size = shown.length > WIDE_TABLE ? WIDE_TABLE_FONT_SIZE : TABLE_FONT_SIZE;
    this.table = { columns: shown, widths: this.columnWidths(shown, size), size, count: 0 };
    this.ensure(40);
    this.tableHead();
  }

  /**
   * Each column's share of the page by its relative width, but never narrower than the longest
   * word of its heading (a heading broken inside a word reads badly): what the narrow ones
   * need is taken from the others in proportion to their room to spare.
   */
  private columnWidths(columns: readonly Column[], size: number): number[] {
    this.doc.font(PDF_FONTS.bold).fontSize(size);
    const least = columns.map(
      (column) => Math.max(...pdfSafe(column.heading[this.meta.language]).split(/\s+/).map((word) => this.doc.widthOfString(word))) + 2 * CELL_PAD + 1,
    );
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * this.width);
    const deficit = widths.reduce((sum, width, index) => sum + Math.max(0, least[index] - width), 0);
    const spare = widths.reduce((sum, width, index) => sum + Math.max(0, width - least[index]), 0);
    if (deficit === 0 || spare === 0) return widths;
    const take = Math.min(1, deficit / spare);
    return widths.map((width, index) => (width < least[index] ? least[index] : width - (width - least[index]) * take));
  }

  endTable(): void {
    this.table = null;
    this.y += 10;
  }

  private tableHead(): void {
    const { columns, widths, size } = this.table!;
    this.drawRow(
      columns.map((column) => pdfSafe(column.heading[this.meta.language])),
      widths,
      size,
      PDF_FONTS.bold,
      '#d9d9d9',
    );
  }

  private drawRow(cells: string[], widths: number[], size: number, font: PdfFont, fill: string | null): void {
    this.doc.font(font).fontSize(size);
    const inner = (index: number): number => widths[index] - 2 * CELL_PAD;
    const tallest = Math.max(...cells.map((cell, index) => this.doc.heightOfString(cell, { width: inner(index) })));
    const height = Math.min(MAX_ROW_HEIGHT, tallest) + 2 * CELL_PAD;
    if (this.y + height > this.bottom) {
      this.newPage();
      this.doc.font(font).fontSize(size);
    }
    if (fill) this.doc.rect(this.left, this.y, this.width, height).fillColor(fill).fill();
    this.doc.fillColor('black');
    let x = this.left;
    cells.forEach((cell, index) => {
      this.doc.text(cell, x + CELL_PAD, this.y + CELL_PAD, { width: inner(index), height: height - 2 * CELL_PAD, ellipsis: true });
      x += widths[index];
    });
    this.doc
      .moveTo(this.left, this.y + height)
      .lineTo(this.left + this.width, this.y + height)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    this.y += height;
  }

  row(row: ReportRow): void {
    const table = this.table;
    if (!table) throw new Error('PdfReportWriter.row called outside a table');
    const cells = table.columns.map((column) => pdfSafe(pdfCell(row[column.key] ?? null, column, this.cells)));
    this.drawRow(cells, table.widths, table.size, PDF_FONTS.regular, table.count % 2 === 1 ? '#f3f3f3' : null);
    table.count += 1;
    this.rows += 1;
  }

  /** Numbers the pages, closes the document; resolves once pdfkit has emitted its last byte. */
  async end(summary = this.text.rows(this.rows)): Promise<void> {
    if (this.table) this.endTable();
    this.paragraph(this.text.end(summary), PDF_FONTS.bold, 9);
    finishPages(this.doc, this.meta.language, { footer: (doc) => this.footer(doc), bottom: MARGIN_BOTTOM - 16, right: MARGIN_X });
    this.doc.end();
    await this.done;
  }
}
