/**
 * Document numbers shown to auditors and in statistics (API.md, "Personal data"): every letter
 * and digit but the last four becomes `*`, separators keep their place, so `8-123-4567`
 * reads `*-***-4567` and `PE-12-345` reads `**-*2-345`.
 */
export function maskDocumentNumber(number: string): string {
  let keep = 4;
  const chars = [...number];
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    if (!/[\p{L}\p{N}]/u.test(chars[index])) continue;
    if (keep > 0) keep -= 1;
    else chars[index] = '*';
  }
  return chars.join('');
}

/** A `<kind> <number>` cell (`cedula 8-123-4567`) with its number masked. */
export function maskDocumentCell(cell: string): string {
  const space = cell.indexOf(' ');
  return space < 0 ? maskDocumentNumber(cell) : `${cell.slice(0, space)} ${maskDocumentNumber(cell.slice(space + 1))}`;
}

interface WithDocument {
  idDocument?: { kind: string; number: string } | null;
  address?: unknown;
}

/** A person as an auditor may see them: the document masked, no address. */
export function maskPerson<T extends WithDocument>(person: T): T {
  const { address: _address, ...rest } = person;
  return {
    ...(rest as T),
    ...(person.idDocument ? { idDocument: { ...person.idDocument, number: maskDocumentNumber(person.idDocument.number) } } : {}),
  };
}
