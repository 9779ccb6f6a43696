import { msg, render } from '../i18n/message';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationFailedError } from '../common/domain-error';
import { REQUIRED_COLUMNS } from './import-csv';
import { inspectCsv, readCsv } from './import-file';

const HEADER = REQUIRED_COLUMNS.join(',');
const ROW = 'cedula,8-1-1,Glock,19,pistol,9mm,AB1,AT,domestic_purchase,2020-01-01';

async function rows(text: string): Promise<Array<{ row: number; cells: string[] }>> {
  const found = [];
  for await (const row of readCsv([Buffer.from(text)])) found.push(row);
  return found;
}

async function refusal(text: string | Buffer): Promise<ValidationFailedError> {
  try {
    await inspectCsv(Buffer.isBuffer(text) ? text : Buffer.from(text));
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readCsv', () => {
  it('numbers rows by line, the header being line 1, across blank lines, quoted breaks and a BOM', async () => {
    const found = await rows(`\uFEFFa,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n4,5\r\n`);
    expect(found.map((r) => r.row)).toEqual([1, 2, 4, 6]);
    expect(found[0].cells).toEqual(['a', 'b']);
    expect(found[2].cells).toEqual(['x\r\ny', '3']);
  });

  it('numbers rows of a file with LF line ends and a line break in a quoted cell', async () => {
    const found = await rows(`a,b\n1,2\n"x\ny",3\n\n4,5\n`);
    expect(found.map((r) => r.row)).toEqual([1, 2, 3, 6]);
  });

  it('reads a file cut into chunks anywhere as a whole', async () => {
    const text = Buffer.from(`a,b\n"é1",2\n3,4\n`);
    const chunks = [text.subarray(0, 5), text.subarray(5, 6), text.subarray(6)];
    const found = [];
    for await (const row of readCsv(chunks)) found.push(row.cells);
    expect(found).toEqual([['a', 'b'], ['é1', '2'], ['3', '4']]);
  });
});

describe('inspectCsv', () => {
  it('counts the data rows of a good file', async () => {
    await expect(inspectCsv(Buffer.from(`${HEADER}\n${ROW}\n${ROW}\n`))).resolves.toMatchObject({ total: 2 });
  });

  it('counts exactly the data rows readCsv gives the job, across a BOM, blank lines and quoted breaks', async () => {
    const crlf = `\uFEFF${HEADER}\r\n${ROW}\r\n\r\n"x\r\ny",3\r\n\r\n${ROW}\r\n${ROW}`;
    const lf = `${HEADER}\n\n${ROW}\n"a\nb\n\nc",d\n${ROW}\n\n`;
    for (const [text, expected] of [
      [crlf, 4],
      [lf, 3],
    ] as const) {
      const { total } = await inspectCsv(Buffer.from(text));
      expect(total).toBe(expected);
      expect(total).toBe((await rows(text)).length - 1);
    }
  });

  it('refuses an empty file, a header alone, a bad header, bad UTF-8 and broken CSV', async () => {
    const detail = async (body: string | Buffer): Promise<string> => render((await refusal(body)).detail!, 'en');
    expect(await detail('')).toMatch(/empty/);
    expect(await detail(`${HEADER}\n`)).toMatch(/no data rows/);
    expect((await refusal(`${HEADER},colour\n${ROW},red\n`)).options.errors).toEqual([{ field: 'colour', message: msg('field.unknownColumn', 'colour') }]);
    expect(await detail(Buffer.from([0x61, 0xff, 0x0a]))).toMatch(/UTF-8/);
    expect(await detail(`${HEADER}\n"unclosed,${ROW}\n`)).toMatch(/not readable CSV/);
    expect(render((await refusal('')).detail!, 'es')).toBe('El archivo está vacío.');
  });
});

describe('the example file of the README', () => {
  it('is an import file of four rows', async () => {
    const body = readFileSync(join(__dirname, '../../examples/weapons-import.csv'));
    await expect(inspectCsv(body)).resolves.toMatchObject({ total: 4 });
  });
});
