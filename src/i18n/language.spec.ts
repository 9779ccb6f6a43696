import { languageOf } from './language';

describe('languageOf', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['es-PA', 'es'],
    ['fr, en;q=0.5', 'en'],
    ['fr', 'es'],
    ['es;q=0.4, en;q=0.8', 'en'],
    ['en;q=0, es', 'es'],
    ['*', 'es'],
    ['en;q=abc', 'es'],
  ])('%s → %s', (header, expected) => {
    expect(languageOf(header)).toBe(expected);
  });
});
