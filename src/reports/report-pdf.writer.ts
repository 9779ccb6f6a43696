import PDFDocument from 'pdfkit';
import { type Column, pdfCell, pdfSafe, panamaTime, type ReportRow } from './report-kinds';
import type { Emit, ReportMeta, RowWriter } from './report-text.writers';

const MARGIN_X = 36;
const MARGIN_TOP = 78;
const MARGIN_BOTTOM = 44;
const CELL_PAD = 3;
const TABLE_FONT_SIZE = 7.5;
/** A cell taller than this is cut with an ellipsis, so one row never outgrows a page. */
const MAX_ROW_HEIGHT = 160;

const MINISTRY = 'República de Panamá — Ministerio de Seguridad Pública';
const REGISTRY = 'Registro Nacional de Armas de Fuego';

function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function describeParams(params: Record<string, unknown>): string {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null);
  return entries.length === 0 ? 'ninguno (todo el registro)' : entries.map(([key, value]) => `${key} = ${String(value)}`).join('; ');
}

/**
 * A report as a PDF, written page by page with pdfkit's built-in Helvetica (nothing
 * embedded, nothing downloaded). Every page carries the ministry's heading, the report's
 * title and id, the audit entry it is consistent with and its number; a table's column
 * headings are repeated at the top of each page it runs onto.
 *
 * Pages are numbered "Página N", not "Página N de M": knowing M means holding every page
 * until the end (pdfkit's bufferPages), and a large report is streamed to storage a page
 * at a time instead. The last page says where the report ends and how many rows it has.
 */
export class PdfReportWriter implements RowWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<void>;
  private pageNumber = 0;
  private y = 0;
  private table: { columns: readonly Column[]; widths: number[]; count: number } | null = null;
  private rows = 0;

  constructor(
    emit: Emit,
    private readonly meta: ReportMeta,
    layout: 'portrait' | 'landscape',
  ) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout,
      autoFirstPage: false,
      bufferPages: false,
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      info: {
        Title: pdfSafe(meta.title),
        Author: REGISTRY,
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
  private place(text: string, x: number, y: number, font: string, size: number, align: 'left' | 'right' = 'left'): void {
    this.doc.font(font).fontSize(size);
    const safe = pdfSafe(text);
    const at = align === 'right' ? x - this.doc.widthOfString(safe) : x;
    this.doc.text(safe, at, y, { lineBreak: false });
  }

  private newPage(): void {
    this.doc.addPage();
    this.pageNumber += 1;
    const right = this.left + this.width;
    this.place(MINISTRY, this.left, 26, 'Helvetica-Bold', 9);
    this.place(REGISTRY, this.left, 38, 'Helvetica', 9);
    this.place(this.meta.title, right, 26, 'Helvetica-Bold', 9, 'right');
    this.place(`Informe ${this.meta.id}`, right, 38, 'Helvetica', 7.5, 'right');
    this.doc.moveTo(this.left, 54).lineTo(right, 54).lineWidth(0.7).strokeColor('#444444').stroke();
    const footerY = this.doc.page.height - MARGIN_BOTTOM + 16;
    this.doc.moveTo(this.left, footerY - 6).lineTo(right, footerY - 6).lineWidth(0.4).strokeColor('#888888').stroke();
    this.place(
      `Generado ${utcTime(this.meta.generatedAt)} · datos hasta el asiento de auditoría ${this.meta.auditHeadSeq}`,
      this.left,
      footerY,
      'Helvetica',
      7,
    );
    this.place(`Página ${this.pageNumber}`, right, footerY, 'Helvetica-Bold', 8, 'right');
    this.y = MARGIN_TOP - 8;
    if (this.table) this.tableHead();
  }

  /** Starts a new page unless `height` more fits on this one. */
  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** Wrapped text across the page, starting at the current line. */
  private paragraph(text: string, font = 'Helvetica', size = 9, gap = 3): void {
    this.doc.font(font).fontSize(size);
    const safe = pdfSafe(text);
    const height = this.doc.heightOfString(safe, { width: this.width });
    this.ensure(height);
    this.doc.fillColor('black').text(safe, this.left, this.y, { width: this.width });
    this.y += height + gap;
  }

  private intro(): void {
    this.paragraph(this.meta.title, 'Helvetica-Bold', 15, 8);
    const at = this.meta.generatedAt;
    this.paragraph(`Generado: ${utcTime(at)} — ${panamaTime(at)} hora de Panamá (America/Panama)`);
    this.paragraph(
      `Consistente con el registro de auditoría hasta el asiento N.º ${this.meta.auditHeadSeq}: ` +
        'incluye todo cambio registrado hasta ese asiento y ninguno posterior.',
    );
    this.paragraph(`Parámetros: ${describeParams(this.meta.params)}`);
    this.paragraph(`Solicitado por: ${this.meta.requestedBy} · Formato: PDF · Informe: ${this.meta.id}`, 'Helvetica', 9, 12);
  }

  /** A section heading, kept on the same page as at least the first lines under it. */
  heading(text: string): void {
    this.ensure(60);
    this.y += 4;
    this.paragraph(text, 'Helvetica-Bold', 11, 5);
  }

  note(text: string): void {
    this.paragraph(text, 'Helvetica-Oblique', 8.5, 6);
  }

  startTable(columns: readonly Column[]): void {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    this.table = { columns, widths: columns.map((column) => (column.width / total) * this.width), count: 0 };
    this.ensure(40);
    this.tableHead();
  }

  endTable(): void {
    this.table = null;
    this.y += 10;
  }

  private tableHead(): void {
    const { columns, widths } = this.table!;
    this.drawRow(
      columns.map((column) => column.heading),
      widths,
      'Helvetica-Bold',
      '#d9d9d9',
    );
  }

  private drawRow(cells: string[], widths: number[], font: string, fill: string | null): void {
    this.doc.font(font).fontSize(TABLE_FONT_SIZE);
    const inner = (index: number): number => widths[index] - 2 * CELL_PAD;
    const tallest = Math.max(...cells.map((cell, index) => this.doc.heightOfString(cell, { width: inner(index) })));
    const height = Math.min(MAX_ROW_HEIGHT, tallest) + 2 * CELL_PAD;
    if (this.y + height > this.bottom) {
      this.newPage();
      this.doc.font(font).fontSize(TABLE_FONT_SIZE);
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
    const cells = table.columns.map((column) => pdfCell(row[column.key] ?? null, column.type));
    this.drawRow(cells, table.widths, 'Helvetica', table.count % 2 === 1 ? '#f3f3f3' : null);
    table.count += 1;
    this.rows += 1;
  }

  /** Closes the document; resolves once pdfkit has emitted its last byte. */
  async end(summary = `${this.rows} ${this.rows === 1 ? 'fila' : 'filas'}`): Promise<void> {
    if (this.table) this.endTable();
    this.paragraph(`Fin del informe — ${summary}.`, 'Helvetica-Bold', 9);
    this.doc.end();
    await this.done;
  }
}
