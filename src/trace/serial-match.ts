import { foldConfusables, normaliseSerial } from '../registry/serial';

/**
 * The shortest fragment searched: shorter ones match too much of the registry to help, and
 * a trigram index cannot narrow them.
 */
export const MIN_SEARCH_LENGTH = 4;

export const MATCH_KINDS = ['exact', 'normalized', 'confusable', 'partial'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface SerialQuery {
  written: string;
  normalized: string;
  folded: string;
}

export function serialQuery(written: string): SerialQuery {
  const normalized = normaliseSerial(written.trim());
  return { written: written.trim(), normalized, folded: foldConfusables(normalized) };
}

export interface SerialCandidate {
  serialNumber: string;
  serialNormalized: string;
}

export interface Match {
  match: MatchKind;
  score: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * How a registered serial answers the query, or null when it does not. Scores order the
 * kinds (exact 1, normalised 0.95, confusable 0.75–0.9, partial 0.25–0.75) and, within a
 * kind, prefer fewer look-alike substitutions and fragments covering more of the serial.
 */
export function classifyMatch(query: SerialQuery, candidate: SerialCandidate): Match | null {
  if (candidate.serialNumber.trim() === query.written) return { match: 'exact', score: 1 };
  if (candidate.serialNormalized === query.normalized) return { match: 'normalized', score: 0.95 };
  const folded = foldConfusables(candidate.serialNormalized);
  if (folded === query.folded) {
    let substitutions = 0;
    for (let i = 0; i < folded.length; i += 1) if (candidate.serialNormalized[i] !== query.normalized[i]) substitutions += 1;
    return { match: 'confusable', score: round(Math.max(0.75, 0.9 - 0.01 * substitutions)) };
  }
  if (folded.includes(query.folded)) return { match: 'partial', score: partialScore(query, candidate.serialNormalized) };
  return null;
}

/**
 * 0.25 + 0.45 × the share of the serial the fragment covers, + 0.05 when the fragment is in
 * the serial as normalised (not only once look-alikes are folded). trace-search.sql.ts
 * orders partial candidates by the same expression in SQL before cutting the list.
 */
export function partialScore(query: SerialQuery, serialNormalized: string): number {
  const literal = serialNormalized.includes(query.normalized) ? 0.05 : 0;
  return round(0.25 + (0.45 * query.folded.length) / serialNormalized.length + literal);
}

const KIND_RANK: Record<MatchKind, number> = { exact: 0, normalized: 1, confusable: 2, partial: 3 };

/** Best first: by score, then by kind, then by registry number so the order is stable. */
export function compareMatches<T extends Match & { registryNumber: string }>(a: T, b: T): number {
  return b.score - a.score || KIND_RANK[a.match] - KIND_RANK[b.match] || a.registryNumber.localeCompare(b.registryNumber);
}

export type TraceOutcome = 'traced' | 'multiple_candidates' | 'not_found';

/**
 * A trace request names one weapon when a single weapon is the only candidate, or the only
 * one whose whole serial matches (exactly, normalised or with look-alikes); fragments
 * alone never single out one weapon among several.
 */
export function outcomeOf(candidates: ReadonlyArray<Pick<Match, 'match'>>): { outcome: TraceOutcome; traced: number | null } {
  if (candidates.length === 0) return { outcome: 'not_found', traced: null };
  if (candidates.length === 1) return { outcome: 'traced', traced: 0 };
  const whole = candidates.flatMap((candidate, index) => (candidate.match === 'partial' ? [] : [index]));
  if (whole.length === 1) return { outcome: 'traced', traced: whole[0] };
  return { outcome: 'multiple_candidates', traced: null };
}

/** A LIKE pattern finding `text` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
