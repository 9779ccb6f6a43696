export const OWNER_TYPES = ['person', 'organization'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export const ID_DOCUMENT_KINDS = ['cedula', 'passport', 'ruc'] as const;
export type IdDocumentKind = (typeof ID_DOCUMENT_KINDS)[number];

/**
 * `number` is the canonical form shown to people; `key` is what uniqueness and search compare.
 * Cédula and RUC keys keep one dash between parts: without them `8-12-3456` and `8-123-456`
 * would share a key although they are two different people.
 */
export interface NormalisedDocument {
  kind: IdDocumentKind;
  number: string;
  key: string;
}

/** Why a number is refused: the catalogue message (src/i18n/messages) that names its field. */
export type DocumentRefusal = 'field.notCedula' | 'field.notRuc' | 'field.notPassport' | 'field.invalid';

export type DocumentCheck = { ok: true; document: NormalisedDocument } | { ok: false; reason: DocumentRefusal };

const KINDS_BY_TYPE: Record<OwnerType, readonly IdDocumentKind[]> = {
  person: ['cedula', 'passport'],
  organization: ['ruc'],
};

export function documentKindsFor(type: OwnerType): readonly IdDocumentKind[] {
  return KINDS_BY_TYPE[type];
}

export function isIdDocumentKind(value: unknown): value is IdDocumentKind {
  return typeof value === 'string' && (ID_DOCUMENT_KINDS as readonly string[]).includes(value);
}

const MAX_RAW_LENGTH = 40;
const SEPARATORS = /^[\sA-Z0-9.\-\u2010-\u2015]*$/;
/** PE: Panamanian born abroad; E: foreign resident; N: naturalised; SB: the former San Blas registry. */
const LETTER_PREFIXES = new Set(['PE', 'E', 'N', 'SB']);
/** AV: registered late ("antes de la vigencia"); PI: indigenous population. Written after the province. */
const PROVINCE_MARKS = new Set(['AV', 'PI']);
const MAX_PROVINCE = 13;

const CEDULA_REASON = 'field.notCedula';
const RUC_REASON = 'field.notRuc';
const PASSPORT_REASON = 'field.notPassport';

/**
 * Splits on separators and on every letter/digit boundary, so `1PI-12-345`, `1-PI-12-345` and
 * `1 pi 12 345` read alike; digit groups stay apart only where the writer separated them.
 */
function tokens(raw: string): string[] | undefined {
  const text = raw.normalize('NFKC').toUpperCase().trim();
  if (text.length === 0 || text.length > MAX_RAW_LENGTH || !SEPARATORS.test(text)) return undefined;
  return text.match(/[A-Z]+|\d+/g) ?? undefined;
}

const isDigits = (token: string): boolean => /^\d+$/.test(token);

/** The numeric value written without leading zeros, or undefined when it has more than `maxDigits` or is zero. */
function numberPart(token: string, maxDigits: number): string | undefined {
  if (!isDigits(token)) return undefined;
  const plain = token.replace(/^0+/, '');
  return plain.length === 0 || plain.length > maxDigits ? undefined : plain;
}

/** Book (tomo) up to 4 digits, entry (asiento) up to 6, as the Electoral Tribunal issues them. */
function bookAndEntry(book: string, entry: string): string | undefined {
  const tomo = numberPart(book, 4);
  const asiento = numberPart(entry, 6);
  return tomo && asiento ? `${tomo}-${asiento}` : undefined;
}

function province(token: string): string | undefined {
  const value = numberPart(token, 2);
  return value && Number(value) <= MAX_PROVINCE ? value : undefined;
}

function cedulaFromTokens(parts: readonly string[]): string | undefined {
  if (parts.length === 3) {
    const [first, book, entry] = parts;
    const prefix = LETTER_PREFIXES.has(first) ? first : province(first);
    const rest = bookAndEntry(book, entry);
    return prefix && rest ? `${prefix}-${rest}` : undefined;
  }
  if (parts.length === 4) {
    const [first, mark, book, entry] = parts;
    const prefix = province(first);
    const rest = bookAndEntry(book, entry);
    return prefix && PROVINCE_MARKS.has(mark) && rest ? `${prefix}${mark}-${rest}` : undefined;
  }
  return undefined;
}

function parseCedula(raw: string): DocumentCheck {
  const parts = tokens(raw);
  const canonical = parts && cedulaFromTokens(parts);
  if (!canonical) return { ok: false, reason: CEDULA_REASON };
  return { ok: true, document: { kind: 'cedula', number: canonical, key: canonical } };
}

/**
 * Companies' RUCs are three numeric groups (`155612345-2-2015`); a natural person's RUC is their
 * cédula. The DV check digits follow from the rest, so the key leaves them out: the same RUC
 * written with and without its DV is one document.
 */
function parseRuc(raw: string): DocumentCheck {
  const parts = tokens(raw);
  if (!parts) return { ok: false, reason: RUC_REASON };
  const dvAt = parts.indexOf('DV');
  let body = parts;
  let dv: string | undefined;
  if (dvAt !== -1) {
    if (dvAt !== parts.length - 2 || !/^\d{1,2}$/.test(parts[dvAt + 1])) return { ok: false, reason: RUC_REASON };
    body = parts.slice(0, dvAt);
    dv = parts[dvAt + 1];
  }
  let canonical = cedulaFromTokens(body);
  if (!canonical && body.length === 3) {
    const [folio, second, third] = [numberPart(body[0], 10), numberPart(body[1], 4), numberPart(body[2], 6)];
    if (folio && second && third) canonical = `${folio}-${second}-${third}`;
  }
  if (!canonical) return { ok: false, reason: RUC_REASON };
  return {
    ok: true,
    document: { kind: 'ruc', number: dv === undefined ? canonical : `${canonical} DV ${dv}`, key: canonical },
  };
}

function parsePassport(raw: string): DocumentCheck {
  const compact = raw.normalize('NFKC').toUpperCase().replace(/[\s.\-\u2010-\u2015]/g, '');
  if (!/^[A-Z0-9]{5,20}$/.test(compact)) return { ok: false, reason: PASSPORT_REASON };
  return { ok: true, document: { kind: 'passport', number: compact, key: compact } };
}

export function parseIdDocument(kind: IdDocumentKind, raw: string): DocumentCheck {
  switch (kind) {
    case 'cedula':
      return parseCedula(raw);
    case 'ruc':
      return parseRuc(raw);
    case 'passport':
      return parsePassport(raw);
    default: {
      const unknown: never = kind;
      void unknown;
      return { ok: false, reason: 'field.invalid' };
    }
  }
}

/**
 * A search by document number does not say the kind, so the text is read as every kind it
 * can be and matched against each resulting key; unreadable text matches nothing.
 */
export function idNumberSearchKeys(raw: string, kind?: IdDocumentKind): string[] {
  const kinds = kind ? [kind] : ID_DOCUMENT_KINDS;
  const keys = new Set<string>();
  for (const candidate of kinds) {
    const check = parseIdDocument(candidate, raw);
    if (check.ok) keys.add(check.document.key);
  }
  return [...keys];
}
