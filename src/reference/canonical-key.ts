/**
 * Letters that NFKD leaves whole, so stripping combining marks would drop them instead of
 * folding them: Polish and Turkish makers (Łucznik, Sarsılmaz) need them to keep their key.
 */
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ı: 'i',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

const UNDECOMPOSED = new RegExp(`[${Object.keys(UNDECOMPOSED_LETTERS).join('')}]`, 'gu');

/**
 * The form under which a make, calibre or weapon type is looked up: how people write the
 * same name differs in accents, case, spacing, punctuation and "&" against "and"
 * ("S&W", "smith and wesson"; "9×19", "9 x 19"), and none of that should make it a
 * different name. Two spellings are the same name exactly when their keys are equal.
 */
export function canonicalKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => UNDECOMPOSED_LETTERS[letter])
    .replace(/&/g, 'and')
    .replace(/×/g, 'x')
    .replace(/[^a-z0-9]/g, '');
}
