import { pdfText } from '../../../test/support/pdf-text';
import { createPdfDocument, finishPages, PDF_FONTS, pageLabel } from './pdf-document';

/** Draws `pages` pages of text with the shared document, numbers them, and returns the file. */
async function render(pages: number, language: 'es' | 'en'): Promise<Buffer> {
  const doc = createPdfDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let page = 1; page <= pages; page += 1) {
    doc.addPage();
    doc.font(PDF_FONTS.bold).text(`Sección ${page}: señal ñandú`);
    doc.font(PDF_FONTS.italic).text('— cursiva —');
  }
  // A page's content is written out once the next one starts, not held to the end.
  await new Promise((resolve) => setImmediate(resolve));
  expect(Buffer.concat(chunks).toString('latin1').match(/endstream/g)).toHaveLength(pages - 1);
  finishPages(doc, language);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('createPdfDocument and finishPages', () => {
  it('numbers every page "Página N de M", in the language asked for, after the page content', async () => {
    const es = await pdfText(await render(3, 'es'));
    expect(es.pages).toHaveLength(3);
    es.pages.forEach((page, index) => {
      expect(page).toContain(`Sección ${index + 1}: señal ñandú`);
      expect(page).toContain(`Página ${index + 1} de 3`);
    });
    const en = await pdfText(await render(2, 'en'));
    expect(en.pages.map((page) => /Page \d of \d/.exec(page)?.[0])).toEqual(['Page 1 of 2', 'Page 2 of 2']);
    expect(pageLabel(4, 9, 'es')).toBe('Página 4 de 9');
  });

  it('embeds a subset of each font it uses, never a standard font', async () => {
    const raw = (await render(2, 'es')).toString('latin1');
    const descriptors = raw.match(/\/Type \/FontDescriptor/g) ?? [];
    expect(descriptors).toHaveLength(2);
    expect(raw.match(/\/FontFile2 \d+ 0 R/g)).toHaveLength(2);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Oblique/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});
