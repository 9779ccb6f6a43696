import { msg } from '../i18n/message';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type FieldError } from '../common/domain-error';
import { fieldErrorsOf } from '../common/field-messages';
import { ErrorCode } from '../common/error-code';
import { isIdDocumentKind, parseIdDocument } from '../owners/id-document';
import { registrationShapeErrors } from '../registry/registration-rules';
import { RegisterWeaponDto } from '../registry/register-weapon.dto';
import { type ColumnIndex, rowInput, validationMessage } from './import-csv';
import { type CsvRow } from './import-file';

/** A row refused before anything is written. */
export interface RowError {
  row: number;
  code: ErrorCode;
  message: string;
}

/**
 * A row whose fields are valid by the rules of POST /weapons, waiting for the checks that need
 * the catalogue or the database. `input` is the transformed body (a plain object once it has
 * crossed from the checking thread).
 */
export interface CheckedRow {
  row: number;
  input: RegisterWeaponDto;
  document: { kind: string; key: string };
}


export function invalidRow(row: number, errors: readonly FieldError[]): RowError {
  return { row, code: ErrorCode.ValidationFailed, message: validationMessage(errors) };
}

/**
 * The checks of one row that need neither the catalogue nor the database: its width, its
 * document, its fields (RegisterWeaponDto's class-validator rules, as the global pipe applies
 * them) and the shape rules of registrationShapeErrors against `today`.
 */
export function checkRow(row: CsvRow, columns: ColumnIndex, width: number, today: string): CheckedRow | RowError {
  if (row.cells.length !== width) {
    return invalidRow(row.row, [{ field: 'row', message: msg('field.rowWidth', 'row', row.cells.length, width) }]);
  }
  const { document, weapon } = rowInput(row.cells, columns);
  const errors: FieldError[] = [];
  let key = '';
  if (!isIdDocumentKind(document.kind)) {
    errors.push({ field: 'holderDocumentKind', message: msg('field.notOneOf', 'holderDocumentKind', ['cedula', 'passport', 'ruc']) });
  } else if (document.number === '') {
    errors.push({ field: 'holderDocumentNumber', message: msg('field.missing', 'holderDocumentNumber') });
  } else {
    const parsed = parseIdDocument(document.kind, document.number);
    if (parsed.ok) key = parsed.document.key;
    else errors.push({ field: 'holderDocumentNumber', message: msg(parsed.reason, 'holderDocumentNumber') });
  }
  const input = plainToInstance(RegisterWeaponDto, weapon);
  // The holder comes from the document: ownerId is filled once the owner is found.
  // The pipe's options, with the object and values field-messages.ts reads the constraints' bounds from.
  const fieldErrors = fieldErrorsOf(
    validateSync(input, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: true, value: true },
    }),
  ).filter((error) => error.field !== 'ownerId');
  errors.push(...fieldErrors);
  if (errors.length > 0) return invalidRow(row.row, errors);
  const shapeErrors = registrationShapeErrors(input, today);
  if (shapeErrors.length > 0) return invalidRow(row.row, shapeErrors);
  return { row: row.row, input, document: { kind: document.kind, key } };
}
