import { msg, render } from '../i18n/message';
import { readStoredText } from '../i18n/stored-text';
import { columnIndex, columnOfField, firstLineOf, headerProblems, REQUIRED_COLUMNS, rowInput, validationMessage } from './import-csv';

describe('headerProblems', () => {
  it('accepts the required columns in any order, with optional ones', () => {
    expect(headerProblems([...REQUIRED_COLUMNS].reverse())).toEqual([]);
    expect(headerProblems([...REQUIRED_COLUMNS, 'serialStatus', ' documentRef '])).toEqual([]);
  });

  it('names each unknown, missing, repeated or unnamed column', () => {
    const problems = headerProblems([...REQUIRED_COLUMNS.filter((c) => c !== 'make' && c !== 'calibre'), 'colour', 'model', '']);
    expect(problems.map((p) => p.field).sort()).toEqual(['calibre', 'colour', 'column 11', 'make', 'model'].sort());
    expect(render(problems.find((p) => p.field === 'colour')!.message, 'en')).toMatch(/Unknown column "colour"/);
    expect(render(problems.find((p) => p.field === 'make')!.message, 'es')).toMatch(/Falta la columna obligatoria "make"/);
  });
});

describe('rowInput', () => {
  const header = [...REQUIRED_COLUMNS, 'yearOfManufacture', 'importMarkingCountry', 'importMarkingYear', 'serialStatus'];
  const columns = columnIndex(header);
  const cells = (values: Record<string, string>): string[] => header.map((name) => values[name] ?? '');

  it('builds the registration body of a row and the holder document', () => {
    const input = rowInput(
      cells({
        holderDocumentKind: 'cedula',
        holderDocumentNumber: '8-123-4567',
        make: 'Glock',
        model: '19',
        type: 'pistol',
        calibre: '9mm',
        serialNumber: 'AB 1',
        countryOfManufacture: 'AT',
        acquisitionKind: 'import',
        acquisitionDate: '2020-01-02',
        yearOfManufacture: '2019',
        importMarkingCountry: 'PA',
        importMarkingYear: '2020',
      }),
      columns,
    );
    expect(input.document).toEqual({ kind: 'cedula', number: '8-123-4567' });
    expect(input.weapon).toEqual({
      make: 'Glock',
      model: '19',
      type: 'pistol',
      calibre: '9mm',
      serialNumber: 'AB 1',
      countryOfManufacture: 'AT',
      yearOfManufacture: 2019,
      importMarking: { country: 'PA', year: 2020 },
      acquisition: { kind: 'import', date: '2020-01-02' },
    });
  });

  it('leaves empty cells out and keeps non-numbers as text for validation to name', () => {
    const input = rowInput(cells({ make: 'Glock', yearOfManufacture: 'nineteen', serialStatus: 'obliterated' }), columns);
    expect(input.weapon).toEqual({ make: 'Glock', yearOfManufacture: 'nineteen', serialStatus: 'obliterated', acquisition: {} });
    expect(input.document).toEqual({ kind: '', number: '' });
  });
});

describe('messages and lines', () => {
  it('names the file columns of body fields', () => {
    expect(columnOfField('acquisition.date')).toBe('acquisitionDate');
    expect(columnOfField('importMarking.year')).toBe('importMarkingYear');
    expect(columnOfField('make')).toBe('make');
    const stored = validationMessage([
      { field: 'acquisition.date', message: msg('field.inFuture', 'acquisition.date') },
      { field: 'type', message: msg('field.unknownWeaponType', 'type', 'ray gun') },
    ]);
    expect(readStoredText(stored, 'es')).toBe(
      'acquisitionDate: La fecha no puede estar en el futuro.; type: El tipo de arma "ray gun" no existe (vea GET /reference/weapon-types).',
    );
    expect(readStoredText(stored, 'en')).toBe(
      'acquisitionDate: The date cannot be in the future.; type: Unknown weapon type "ray gun" (see GET /reference/weapon-types).',
    );
    // Rows rejected before messages were stored keep their plain text.
    expect(readStoredText('acquisitionDate: acquisitionDate cannot be in the future', 'es')).toBe('acquisitionDate: acquisitionDate cannot be in the future');
    expect(readStoredText('{"messages":[{"label":null,"message":{"key":"no.such.key","args":[]}}]}', 'en')).toMatch(/no\.such\.key/);
  });

  it('finds the first line of a record with line breaks in its cells', () => {
    expect(firstLineOf(3, ['1', 'x\ny'])).toBe(2);
    expect(firstLineOf(7, ['a', 'b'])).toBe(7);
  });
});
