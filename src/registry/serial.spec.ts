import { msg, render } from '../i18n/message';
import fc from 'fast-check';
import { foldConfusables, foldedSerialError, formatRegistryNumber, isFoldedSerial, nationalMark, normaliseSerial } from './serial';

describe('normaliseSerial', () => {
  it.each([
    ['AB-123 45', 'AB12345'],
    ['ab12345', 'AB12345'],
    ['x.y/z-1 2', 'XYZ12'],
    ['  b0o1-7s ', 'B0O17S'],
    ['a\\b\tc\n', 'ABC'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseSerial(input)).toBe(expected);
  });

  it('keeps confusable characters apart (that is the trace search, not the marking)', () => {
    expect(normaliseSerial('O0')).toBe('O0');
    expect(normaliseSerial('I1l')).toBe('I1L');
  });

  // Look-alike writings of KX-52731: every one folds onto the marking.
  it.each([
    ['zero-width space', 'KX\u200B-52731'],
    ['zero-width joiner and non-joiner', 'K\u200DX\u200C52731'],
    ['word joiner and BOM', '\uFEFFKX\u206052731'],
    ['soft hyphen', 'KX\u00AD52731'],
    ['en dash', 'KX\u201352731'],
    ['em dash', 'KX\u201452731'],
    ['minus sign', 'KX\u221252731'],
    ['non-breaking hyphen', 'KX\u201152731'],
    ['no-break and ideographic spaces', 'KX\u00A052\u3000731'],
    ['full-width letters, digits and hyphen', 'ＫＸ－５２７３１'],
    ['Cyrillic capitals', '\u041A\u0425-52731'],
    ['Cyrillic small letters', '\u043A\u0445-52731'],
    ['Greek capitals', '\u039A\u03A7-52731'],
    ['Greek small letters', '\u03BA\u03C7-52731'],
    ['mathematical bold digits', 'KX-\u{1D7D3}\u{1D7D0}\u{1D7D5}\u{1D7D1}\u{1D7CF}'],
    ['mathematical bold letters', '\u{1D40A}\u{1D417}-52731'],
    ['one dot leader', 'KX\u202452731'],
    ['fraction slash', 'KX\u204452731'],
    ['division slash', 'KX\u221552731'],
    ['full-width solidus', 'KX\uFF0F52731'],
    ['katakana middle dot', 'KX\u30FB52731'],
    ['full-width full stop', 'KX\uFF0E52731'],
    ['variation selector', 'KX\uFE0F-52731'],
  ])('%s', (_, written) => {
    expect(normaliseSerial(written)).toBe('KX52731');
  });

  it.each([
    ['Cyrillic capital I and Greek iota are the letter I', '\u0406\u0399', 'II'],
    ['Cyrillic small palochka is the letter i (its UTS #39 prototype)', '\u04CF', 'I'],
    ['mathematical small l is the letter l', '\u{1D425}', 'L'],
    ['an Arabic-Indic one looks like the digit 1', '\u0661', '1'],
    ['Cyrillic and Greek capital O are the letter O', '\u041E\u039F', 'OO'],
    ['Cyrillic ze looks like 3', '\u0417', '3'],
    ['Roman numeral twelve', '\u216B', 'XII'],
  ])('%s', (_, written, expected) => {
    expect(normaliseSerial(written)).toBe(expected);
  });

  it.each([
    ['AB#123', '#'],
    ['\u2605123', '\u2605'],
    ['AB\u{1F600}1', '\u{1F600}'],
    ['\u00C9123', '\u00C9'],
    ['\u0662\u0663', '\u0662'],
  ])('leaves %j with a character that folds to no Latin letter or digit', (written, left) => {
    const folded = normaliseSerial(written);
    expect(folded).toContain(left);
    expect(isFoldedSerial(folded)).toBe(false);
    expect(foldedSerialError(folded, 'serialNumber')).toMatchObject({ field: 'serialNumber' });
  });

  it('names an empty serial as having no letters or digits', () => {
    expect(foldedSerialError(normaliseSerial(' - \u200B '), 'serialNumber')).toEqual({
      field: 'serialNumber',
      message: msg('field.serialEmpty', 'serialNumber'),
    });
    expect(render(msg('field.serialEmpty', 'serialNumber'), 'es')).toBe('El número de serie no tiene letras ni dígitos.');
    expect(foldedSerialError('KX52731', 'serialNumber')).toBeNull();
  });

  const anyText = fc.string({ unit: 'grapheme', maxLength: 16 });
  const lookAlikes = fc.string({
    unit: fc.constantFrom(...'KX52731abo- .\u0301\u200B\u00AD\u2013\uFF2B\u041A\u0425\u039A\u03C7\u{1D7D3}\u0406\u0661\u2605#'),
    maxLength: 16,
  });

  it('is idempotent: a folded serial folds to itself', () => {
    fc.assert(fc.property(fc.oneof(anyText, lookAlikes), (written) => normaliseSerial(normaliseSerial(written)) === normaliseSerial(written)));
  });

  it('gives only A–Z and 0–9, or a serial that foldedSerialError refuses', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, lookAlikes), (written) => {
        const folded = normaliseSerial(written);
        return /^[A-Z0-9]+$/.test(folded) === (foldedSerialError(folded, 'serialNumber') === null);
      }),
    );
  });

  it('folds ASCII as the folding before it did (the migration refolds only serials outside ASCII)', () => {
    const legacy = (serial: string): string => serial.toUpperCase().replace(/[\s\-./\\]/g, '');
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 24 }), (written) => normaliseSerial(written) === legacy(written)));
  });
});

describe('registry numbers and national marks', () => {
  it('pads the sequence to seven digits', () => {
    expect(formatRegistryNumber(2026, 123)).toBe('PA-2026-0000123');
  });

  it('prefixes the national mark with PTY', () => {
    expect(nationalMark('PA-2026-0000123')).toBe('PTY-PA-2026-0000123');
  });
});

describe('foldConfusables', () => {
  it('equates O/0/Q/D, I/1/L, S/5, B/8, Z/2, G/6 as the serial_confusable column does', () => {
    expect(foldConfusables('OQD0IL1S5B8Z2G6')).toBe('000011155882266');
    expect(foldConfusables('B0O17S')).toBe('800175');
    expect(foldConfusables('ACEFHKMNPRTUVWXY3479')).toBe('ACEFHKMNPRTUVWXY3479');
  });

  it('stays on top of the folding of markings: look-alikes of other scripts meet their Latin confusables', () => {
    expect(foldConfusables(normaliseSerial('\u041E\u0405-12'))).toBe(foldConfusables(normaliseSerial('05-I2')));
  });
});
