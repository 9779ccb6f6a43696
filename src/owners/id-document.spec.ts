import { msg, render } from '../i18n/message';
import { documentKindsFor, idNumberSearchKeys, parseIdDocument } from './id-document';

function accepted(kind: 'cedula' | 'passport' | 'ruc', raw: string): { number: string; key: string } {
  const check = parseIdDocument(kind, raw);
  if (!check.ok) throw new Error(`${raw} refused: ${check.reason}`);
  return { number: check.document.number, key: check.document.key };
}

describe('cédula', () => {
  it.each([
    ['8-123-4567', '8-123-4567'],
    ['4-712-1234', '4-712-1234'],
    ['13-1-1', '13-1-1'],
    ['8-AV-123-456', '8AV-123-456'],
    ['8av-123-456', '8AV-123-456'],
    ['8AV 123 456', '8AV-123-456'],
    ['1PI-12-345', '1PI-12-345'],
    ['1-pi-12-345', '1PI-12-345'],
    ['PE-12-345', 'PE-12-345'],
    ['pe 12 345', 'PE-12-345'],
    ['E-8-12345', 'E-8-12345'],
    ['E8-12345', 'E-8-12345'],
    ['N-19-1234', 'N-19-1234'],
    ['SB-12-345', 'SB-12-345'],
    ['08-0123-004567', '8-123-4567'],
    [' 8 123 4567 ', '8-123-4567'],
    ['8.123.4567', '8-123-4567'],
    ['8\u2013123\u20134567', '8-123-4567'],
  ])('accepts %s as %s', (raw, canonical) => {
    expect(accepted('cedula', raw)).toEqual({ number: canonical, key: canonical });
  });

  it.each([
    ['', 'empty'],
    ['81234567', 'no separators: the parts cannot be told apart'],
    ['8-123', 'no entry number'],
    ['8-123-4567-1', 'a part too many'],
    ['0-123-4567', 'province 0'],
    ['14-123-4567', 'province beyond 13'],
    ['8-12345-1', 'book of five digits'],
    ['8-1-1234567', 'entry of seven digits'],
    ['8-0-123', 'book zero'],
    ['8-1-000', 'entry zero'],
    ['X-12-345', 'unknown letter prefix'],
    ['8-XX-12-345', 'unknown mark after the province'],
    ['PE-AV-12-345', 'AV after a letter prefix'],
    ['AV-12-345', 'AV without a province'],
    ['8_123_4567', 'underscores'],
    ['8-123-4567\u0000', 'control characters'],
    ['8-123-45678901234567890123456789012345678', 'too long'],
  ])('refuses %s (%s)', (raw) => {
    const check = parseIdDocument('cedula', raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(render(msg(check.reason, 'number'), 'en')).toContain('8-123-4567');
  });

  it('keeps the parts apart in the key, so different books and entries never collide', () => {
    expect(accepted('cedula', '8-12-3456').key).not.toBe(accepted('cedula', '8-123-456').key);
  });
});

describe('RUC', () => {
  it.each([
    ['155612345-2-2015', '155612345-2-2015', '155612345-2-2015'],
    ['155612345-2-2015 DV 45', '155612345-2-2015 DV 45', '155612345-2-2015'],
    ['155612345-2-2015dv45', '155612345-2-2015 DV 45', '155612345-2-2015'],
    ['155612345 - 2 - 2015  DV 5', '155612345-2-2015 DV 5', '155612345-2-2015'],
    ['25032-0002-235467', '25032-2-235467', '25032-2-235467'],
    ['8-123-4567 DV 12', '8-123-4567 DV 12', '8-123-4567'],
    ['8-AV-12-345', '8AV-12-345', '8AV-12-345'],
  ])('accepts %s', (raw, number, key) => {
    expect(accepted('ruc', raw)).toEqual({ number, key });
  });

  it.each(['155612345-2', '155612345-2-2015 DV', '155612345-2-2015 DV 123', 'DV 45', '155612345-2-2015 XX 45', '12345678901-2-2015'])(
    'refuses %s',
    (raw) => {
      expect(parseIdDocument('ruc', raw).ok).toBe(false);
    },
  );
});

describe('passport', () => {
  it.each([
    ['pa1234567', 'PA1234567'],
    ['AB 12-345', 'AB12345'],
    ['12345', '12345'],
    ['A1234567890123456789', 'A1234567890123456789'],
  ])('accepts %s as %s', (raw, canonical) => {
    expect(accepted('passport', raw)).toEqual({ number: canonical, key: canonical });
  });

  it.each(['A123', 'A12345678901234567890', 'AB_12345', 'ÄB12345'])('refuses %s', (raw) => {
    expect(parseIdDocument('passport', raw).ok).toBe(false);
  });
});

describe('documents by owner type', () => {
  it('gives a person a cédula or a passport, and an organization a RUC', () => {
    expect(documentKindsFor('person')).toEqual(['cedula', 'passport']);
    expect(documentKindsFor('organization')).toEqual(['ruc']);
  });
});

describe('search keys', () => {
  it('reads the text as every kind it can be', () => {
    expect(idNumberSearchKeys(' 08-0123-4567 ').sort()).toEqual(['0801234567', '8-123-4567']);
    expect(idNumberSearchKeys('8-123-4567', 'cedula')).toEqual(['8-123-4567']);
    expect(idNumberSearchKeys('155612345-2-2015 DV 45', 'ruc')).toEqual(['155612345-2-2015']);
  });

  it('matches nothing for text no kind can read', () => {
    expect(idNumberSearchKeys('not a number!')).toEqual([]);
    expect(idNumberSearchKeys('PA1234567', 'cedula')).toEqual([]);
  });
});
