import { foldConfusables, formatRegistryNumber, nationalMark, normaliseSerial } from './serial';

describe('normaliseSerial', () => {
  it.each([
    ['AB-123 45', 'AB12345'],
    ['ab12345', 'AB12345'],
    ['x.y/z-1 2', 'XYZ12'],
    ['  b0o1-7s ', 'B0O17S'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseSerial(input)).toBe(expected);
  });

  it('keeps confusable characters apart (that is the trace search, not the marking)', () => {
    expect(normaliseSerial('O0')).toBe('O0');
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
});
