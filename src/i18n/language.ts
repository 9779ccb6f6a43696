/**
 * The languages the service speaks. Spanish (Panama) is the default: the users are Panamanian
 * officials and police. English is given to a request that asks for it in `Accept-Language`.
 */
export type Language = 'es' | 'en';

export const DEFAULT_LANGUAGE: Language = 'es';

/** The `Content-Language` value of each language. */
export const CONTENT_LANGUAGE: Record<Language, string> = { es: 'es-PA', en: 'en' };

/**
 * The language for an `Accept-Language` header (RFC 9110 §12.5.4): the supported language
 * with the highest weight, Spanish when nothing supported is asked for or the header is bad.
 */
export function languageOf(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  let best: { language: Language; weight: number; order: number } | undefined;
  value.split(',').forEach((part, order) => {
    const [rangeText, ...params] = part.trim().split(';');
    const range = rangeText.trim().toLowerCase();
    const primary = range.split('-')[0];
    const language: Language | undefined = primary === 'en' ? 'en' : primary === 'es' ? 'es' : primary === '*' ? DEFAULT_LANGUAGE : undefined;
    if (!language) return;
    const q = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1) return;
    if (!best || weight > best.weight) best = { language, weight, order };
  });
  return best?.language ?? DEFAULT_LANGUAGE;
}
