/**
 * The form names are searched in: accents and case removed, white space collapsed. Stored
 * beside the name (owners.name_search) so the trigram index can serve substring searches.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern matching `fragment` anywhere, with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(fragment: string): string {
  return `%${foldForSearch(fragment).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
