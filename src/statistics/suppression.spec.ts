import { suppressCell } from './suppression';

describe('suppressCell', () => {
  it('hides counts from 1 to 4 and marks the cell', () => {
    expect(suppressCell({ district: '8-05', a: 3, b: 0, c: 5 }, ['a', 'b', 'c'], true)).toEqual({
      district: '8-05',
      a: null,
      b: 0,
      c: 5,
      suppressed: true,
    });
    expect(suppressCell({ a: 1, b: 4 }, ['a', 'b'], true)).toEqual({ a: null, b: null, suppressed: true });
  });

  it('leaves zero and counts over 4 alone, and everything when not publishing', () => {
    expect(suppressCell({ a: 0, b: 5 }, ['a', 'b'], true)).toEqual({ a: 0, b: 5 });
    expect(suppressCell({ a: 2 }, ['a'], false)).toEqual({ a: 2 });
  });
});
