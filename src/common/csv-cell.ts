/**
 * A cell a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection").
 * Every CSV the service writes passes its cells through csvCell, so a holder named
 * `=HYPERLINK(...)` lands as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as written: prefixed with `'` when it would start a formula, and also when it
 * already starts with `'`, so that csvCellValue gives back exactly the value (the audit
 * export is hashed text and must stay verifiable offline).
 */
export function csvCell(value: string): string {
  return FORMULA_START.test(value) || value.startsWith("'") ? `'${value}` : value;
}

/** The inverse of csvCell: the value a written cell stands for. */
export function csvCellValue(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
