import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertInJurisdiction, hasNationalScope } from '../auth/jurisdiction';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import type { RecoveryKind } from './recovery-kinds';
import type { RecoveryDto, RecoveryItemDto, RecoveryQuery } from './recovery.dto';

interface RecoveryRow {
  id: string;
  kind: RecoveryKind;
  date: string;
  district: string;
  agency: string;
  case_number: string | null;
  place: string | null;
  legal_basis: string | null;
  anonymous: boolean;
  surrendered_by: string | null;
  ammunition: Array<{ calibre: string; rounds: number }>;
  magazines: number | null;
  recorded_by: string;
  recorded_at: Date;
  items: RecoveryItemDto[];
}

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');

const SELECT = `
  SELECT r.id, r.kind, to_char(r.date, 'YYYY-MM-DD') AS date, r.district, r.agency, r.case_number, r.place, r.legal_basis,
         r.anonymous, r.surrendered_by, r.ammunition, r.magazines, r.recorded_by, r.recorded_at,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('index', i.index, 'weaponId', i.weapon_id, 'matched', i.matched,
                                                       'traceRequestId', i.trace_request_id) ORDER BY i.index), '[]')
            FROM recovery_items i WHERE i.recovery_id = r.id) AS items
    FROM recoveries r`;

function toRecoveryDto(row: RecoveryRow): RecoveryDto {
  return {
    id: row.id,
    kind: row.kind,
    date: row.date,
    district: row.district,
    agency: row.agency,
    caseNumber: row.case_number,
    place: row.place,
    legalBasis: row.legal_basis,
    anonymous: row.anonymous,
    surrenderedBy: row.surrendered_by,
    items: row.items,
    ammunition: row.ammunition,
    magazines: row.magazines,
    recordedBy: row.recorded_by,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

/** Officers and supervisors read the recoveries of their districts; police, admins and national users all. */
function scopedDistricts(principal: Principal): string[] | null {
  if (principal.roles.includes(Role.Police) || hasNationalScope(principal)) return null;
  return principal.jurisdiction ?? [];
}

@Injectable()
export class RecoveriesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal): Promise<RecoveryDto> {
    const [row] = (await this.dataSource.query(`${SELECT} WHERE r.id = $1`, [id])) as RecoveryRow[];
    if (!row) throw new NotFoundError('recovery', id);
    if (scopedDistricts(principal) !== null) assertInJurisdiction(principal, row.district);
    return toRecoveryDto(row);
  }

  /**
   * The recoveries that brought a weapon into the State's hands, oldest first (what another
   * module, international tracing, reads of a weapon's recovery); served by ix_recovery_items_weapon.
   */
  async ofWeapon(weaponId: string): Promise<RecoveryDto[]> {
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE r.id IN (SELECT i.recovery_id FROM recovery_items i WHERE i.weapon_id = $1) ORDER BY r.date, r.id`,
      [weaponId],
    )) as RecoveryRow[];
    return rows.map(toRecoveryDto);
  }

  /** Newest first, walking (date, id) on the index of whichever filter is given. */
  async list(query: RecoveryQuery, principal: Principal): Promise<Page<RecoveryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isKey);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: number) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (query.from !== undefined) add((n) => `r.date >= $${n}::date`, query.from);
    if (query.to !== undefined) add((n) => `r.date <= $${n}::date`, query.to);
    if (query.kind !== undefined) add((n) => `r.kind = $${n}`, query.kind);
    if (query.district !== undefined) add((n) => `r.district = $${n}`, query.district);
    if (query.caseNumber !== undefined) add((n) => `r.case_number = $${n}`, query.caseNumber);
    const districts = scopedDistricts(principal);
    if (districts !== null) add((n) => `r.district = ANY($${n}::text[])`, districts);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(r.date, r.id) < ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.date DESC, r.id DESC LIMIT $${params.length}`,
      params,
    )) as RecoveryRow[];
    return toPage(rows, limit, toRecoveryDto, (row) => [row.date, row.id]);
  }
}
