import { type Message, msg } from '../i18n/message';
import { parse, type Info } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { type FieldError, ValidationFailedError } from '../common/domain-error';
import { firstLineOf, headerProblems, quotedCrlfs } from './import-csv';

/** One data row of the file: its line (the header is line 1) and its cells. */
export interface CsvRow {
  row: number;
  cells: string[];
}

/**
 * The same reading everywhere: a UTF-8 BOM dropped, blank lines skipped, short or long rows
 * passed on. `info` adds each record's line numbers, which cost the parser about a third more.
 */
function parser(info: boolean): ReturnType<typeof parse> {
  return parse({ bom: true, info, relax_column_count: true, skip_empty_lines: true });
}

/**
 * The header and then every data row of a CSV read from `source` (chunks of bytes), in
 * order; a CSV syntax error (an unclosed quote) is thrown as it is met.
 */
export async function* readCsv(source: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<CsvRow> {
  const records = Readable.from(source).pipe(parser(true));
  // csv-parse counts a CRLF inside a quoted cell as two lines, for this record and every later one.
  let overcounted = 0;
  for await (const item of records as AsyncIterable<{ record: string[]; info: Info }>) {
    overcounted += quotedCrlfs(item.record);
    yield { row: firstLineOf(item.info.lines - overcounted, item.record), cells: item.record };
  }
}

function refuse(errors: FieldError[], detail: Message): never {
  throw new ValidationFailedError(errors, detail);
}

/**
 * Reads the whole file once before it is accepted: UTF-8, a header naming every required
 * column and no unknown one, at least one data row, and no CSV syntax error. Returns the
 * header and the number of data rows.
 */
export async function inspectCsv(body: Buffer): Promise<{ header: string[]; total: number }> {
  if (body.length === 0) refuse([{ field: 'body', message: msg('field.fileEmpty', 'body') }], msg('import.fileEmpty'));
  if (!isUtf8(body)) refuse([{ field: 'body', message: msg('field.fileNotUtf8', 'body') }], msg('import.fileNotUtf8'));
  let header: string[] | undefined;
  let total = 0;
  try {
    // The same records as readCsv gives the job, without their line numbers.
    for await (const cells of Readable.from([body]).pipe(parser(false)) as AsyncIterable<string[]>) {
      if (header) {
        total += 1;
        continue;
      }
      header = cells;
      const problems = headerProblems(header);
      if (problems.length > 0) refuse(problems, msg('import.badHeader'));
    }
  } catch (error) {
    if (error instanceof ValidationFailedError) throw error;
    refuse([{ field: 'body', message: msg('field.fileNotCsv', 'body', (error as Error).message) }], msg('import.fileNotCsv'));
  }
  if (!header) refuse([{ field: 'body', message: msg('field.fileNoHeader', 'body') }], msg('import.fileEmpty'));
  if (total === 0) refuse([{ field: 'body', message: msg('field.fileNoDataRows', 'body') }], msg('import.noDataRows'));
  return { header, total };
}
