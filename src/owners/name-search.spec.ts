import { containsPattern, foldForSearch } from './name-search';

describe('name search', () => {
  it('folds case, accents and white space', () => {
    expect(foldForSearch('  José   PÉREZ\tÑañez ')).toBe('jose perez nanez');
    expect(foldForSearch('Ngäbe-Buglé Cooperativa')).toBe('ngabe-bugle cooperativa');
  });

  it('makes a substring pattern that takes LIKE wildcards literally', () => {
    expect(containsPattern('José')).toBe('%jose%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
