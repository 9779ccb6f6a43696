import { ChainCheck, type SegmentReport } from './audit-chain-check';
import { type ExportRow } from '../export/audit-export.format';

/** Entries checked as one part: one query, handed to one worker, absorbed in order. */
export const SEGMENT_SIZE = 2_000;

/** For a pooled connection, whose session settings are not ours to change. */
export const SEGMENT_SQL_ISO = `
  SELECT seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, actor_id,
         actor_username, action, entity_type, entity_id, before::text AS before, after::text AS after, request_id,
         client_ip, prev_hash, hash
    FROM audit_entries WHERE seq >= $1 AND seq <= $2 ORDER BY seq`;

const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/;

/**
 * `2026-11-28 10:05:00.12` (ISO DateStyle, trailing zeros dropped) to `2026-11-28T10:05:00.120Z`,
 * cut to milliseconds as Date.prototype.toISOString (and to_char's MS) would.
 */
export function isoFromUtcTimestamp(text: string): string {
  if (text.length === 23 && text.charCodeAt(10) === 32 && text.charCodeAt(19) === 46) return `${text.slice(0, 10)}T${text.slice(11)}Z`;
  const match = UTC_TIMESTAMP.exec(text);
  if (!match) return new Date(`${text.replace(' ', 'T')}Z`).toISOString();
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

/** A row of segmentCopySql's columns, every value as text. */
export function rowFromUtcText(values: Array<string | null>): ExportRow {
  return {
    seq: Number(values[0]),
    occurredAt: isoFromUtcTimestamp(values[1] as string),
    actorId: values[2],
    actorUsername: values[3] as string,
    action: values[4] as string,
    entityType: values[5] as string,
    entityId: values[6] as string,
    beforeJson: values[7] ?? 'null',
    afterJson: values[8] ?? 'null',
    requestId: values[9],
    clientIp: values[10],
    prevHash: values[11] as string,
    hash: values[12] as string,
  };
}

export interface IsoRow {
  seq: string;
  occurred_at: string;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

export function rowFromIso(row: IsoRow): ExportRow {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    beforeJson: row.before ?? 'null',
    afterJson: row.after ?? 'null',
    requestId: row.request_id,
    clientIp: row.client_ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Checks the entries from..to, fed in seq order, on their own, taking the first one's
 * prevHash as given: the caller checks that link against the part before. Reports the
 * verified hash at each seq of `hashesAt`.
 */
export class SegmentChecker {
  private readonly wanted: Set<number>;
  private readonly hashes: Array<[number, string]> = [];
  private check: ChainCheck | null = null;
  private firstPrevHash: string | null = null;

  constructor(
    private readonly from: number,
    private readonly to: number,
    hashesAt: readonly number[],
  ) {
    this.wanted = new Set(hashesAt);
  }

  /** False once the part is broken: what follows need not be fed. */
  add(row: ExportRow): boolean {
    if (!this.check) {
      this.check = new ChainCheck({ seq: this.from, prevHash: row.prevHash }, { otherKeys: 'hash-only' });
      if (row.seq === this.from) this.firstPrevHash = row.prevHash;
    }
    if (!this.check.feedRow(row)) return false;
    if (this.wanted.has(row.seq)) this.hashes.push([row.seq, row.hash]);
    return true;
  }

  report(): SegmentReport {
    const { from, to } = this;
    const check = this.check;
    if (!check) {
      const problem = from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;
      return { from, to, firstPrevHash: null, lastSeq: from - 1, lastHash: '', checked: 0, failure: { seq: from, problem }, hashes: [] };
    }
    if (check.valid && check.lastSeq < to) {
      const missing = check.lastSeq + 1;
      check.fail(missing, missing === to ? `entry ${to} is missing` : `entries ${missing} to ${to} are missing`);
    }
    const result = check.result();
    return {
      from,
      to,
      firstPrevHash: this.firstPrevHash,
      lastSeq: result.headSeq,
      lastHash: result.headHash,
      checked: result.checked,
      failure: result.valid ? null : { seq: result.firstInvalidSeq as number, problem: result.problem as string },
      hashes: this.hashes,
    };
  }
}

export function checkSegment(rows: readonly ExportRow[], from: number, to: number, hashesAt: readonly number[]): SegmentReport {
  const checker = new SegmentChecker(from, to, hashesAt);
  for (const row of rows) if (!checker.add(row)) break;
  return checker.report();
}

/**
 * For a connection of its own (a verification worker's), which sets DateStyle ISO. COPY text,
 * one line per entry, is cheaper to take apart than thirteen protocol fields; occurred_at
 * comes as UTC timestamp text, cheap for PostgreSQL where to_char would cost it more than the
 * rest of the row. The bounds are inlined (COPY takes no parameters), so they must be integers.
 */
export function segmentCopySql(from: number, to: number): string {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error('seq bounds must be integers');
  return `COPY (
    SELECT seq, occurred_at AT TIME ZONE 'UTC', actor_id, actor_username, action, entity_type, entity_id,
           before, after, request_id, client_ip, prev_hash, hash
      FROM audit_entries WHERE seq >= ${from} AND seq <= ${to} ORDER BY seq) TO STDOUT`;
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** COPY text escapes: a backslash before b f n r t v stands for that control character, before anything else for itself. */
function copyField(text: string): string | null {
  if (text === '\\N') return null;
  if (text.indexOf('\\') < 0) return text;
  return text.replace(/\\(.)/gs, (_, next: string) => COPY_ESCAPES[next] ?? next);
}

/** One line of segmentCopySql's output (without or with its line feed) as a row. */
export function rowFromCopyLine(line: string): ExportRow {
  const end = line.endsWith('\n') ? line.length - 1 : line.length;
  const values: Array<string | null> = [];
  let start = 0;
  for (;;) {
    const tab = line.indexOf('\t', start);
    if (tab < 0 || tab >= end) {
      values.push(copyField(line.slice(start, end)));
      break;
    }
    values.push(copyField(line.slice(start, tab)));
    start = tab + 1;
  }
  if (values.length !== 13) throw new Error(`a COPY line with ${values.length} fields, 13 expected`);
  return rowFromUtcText(values);
}
