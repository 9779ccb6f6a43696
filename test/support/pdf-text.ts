import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Run by node as an ES module: pdfjs-dist is ESM-only, which Jest cannot load. Reads a PDF on
 * stdin and prints one line per page, prefixed with its number.
 */
const SCRIPT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), disableFontFace: true, verbosity: 0 }).promise;
for (let number = 1; number <= pdf.numPages; number += 1) {
  const content = await (await pdf.getPage(number)).getTextContent();
  const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  process.stdout.write('[page ' + number + '] ' + text.replace(/\\s+/g, ' ') + '\\n');
}
`;

export interface PdfText {
  pages: string[];
  text: string;
}

/** The text of each page of `pdf`, as pdf.js extracts it. */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    // The project root, so the script's bare import finds the project's pdfjs-dist.
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: join(__dirname, '../..'), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`pdf text extraction failed (${code}): ${stderr}`));
      const pages = stdout.split('\n').filter((line) => line.startsWith('[page '));
      resolve({ pages, text: pages.join('\n') });
    });
    child.stdin.end(pdf);
  });
}
