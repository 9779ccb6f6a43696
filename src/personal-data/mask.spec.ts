import { maskDocumentCell, maskDocumentNumber, maskPerson } from './mask';

describe('maskDocumentNumber', () => {
  it.each([
    ['8-123-4567', '*-***-4567'],
    ['PE-12-345', '**-*2-345'],
    ['E-8-12345', '*-*-*2345'],
    ['155612345-2-2021', '*********-*-2021'],
    ['123', '123'],
  ])('%s → %s', (number, masked) => {
    expect(maskDocumentNumber(number)).toBe(masked);
  });

  it('masks the number of a kind-and-number cell', () => {
    expect(maskDocumentCell('cedula 8-123-4567')).toBe('cedula *-***-4567');
  });

  it('masks a person’s document and leaves out the address', () => {
    expect(maskPerson({ id: 'x', idDocument: { kind: 'cedula', number: '8-123-4567' }, address: { line: 'Calle 5' } })).toEqual({
      id: 'x',
      idDocument: { kind: 'cedula', number: '*-***-4567' },
    });
  });
});
