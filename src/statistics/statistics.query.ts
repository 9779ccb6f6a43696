import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { isCalendarDay, panamaDay } from '../common/dates';
import { type FieldError, ValidationFailedError } from '../common/domain-error';
import { isSmall, suppressCell } from './suppression';
import type {
  RecoveryStatisticsDto,
  RecoveryStatisticsQuery,
  RegistryGroupDto,
  RegistryStatisticsDto,
  RegistryStatisticsQuery,
  SdgIndicatorDto,
  SdgQuery,
  StampedDto,
} from './statistics.dto';
import {
  PLACE_NAMES_SQL,
  RECOVERED_AMMUNITION_SQL,
  recoveryItemsSql,
  REGISTRY_HOLDERS_TOTAL_SQL,
  registryHoldersSql,
  REGISTRY_WEAPONS_SQL,
  SDG_SQL,
} from './statistics.sql';

const KINDS = ['seized', 'found', 'surrendered', 'amnesty'] as const;
const ENDED: readonly string[] = ['destroyed', 'deactivated', 'exported'];

function checkPeriod(from: string, to: string): void {
  const errors: FieldError[] = [];
  if (!isCalendarDay(from)) errors.push({ field: 'from', message: msg('field.notCalendarDay', 'from') });
  if (!isCalendarDay(to)) errors.push({ field: 'to', message: msg('field.notCalendarDay', 'to') });
  if (errors.length === 0 && from > to) errors.push({ field: 'to', message: msg('field.before', 'to', 'from') });
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/**
 * Figures for public policy, national whatever the reader's jurisdiction. Each is computed in
 * one read-only REPEATABLE READ snapshot together with the audit head it is stamped with, so a
 * published figure can be recomputed from the log up to that entry.
 */
@Injectable()
export class StatisticsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private snapshot<T extends object>(work: (manager: EntityManager) => Promise<T>): Promise<T & StampedDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const head = await this.audit.head(manager);
      const figures = await work(manager);
      return { ...figures, auditHeadSeq: head.seq, auditHeadHash: head.hash, computedAt: new Date().toISOString() };
    });
  }

  async sdg(query: SdgQuery): Promise<SdgIndicatorDto> {
    checkPeriod(query.from, query.to);
    const publishable = query.publishable === true;
    return this.snapshot(async (manager) => {
      const rows = (await manager.query(SDG_SQL, [query.from, query.to, query.district ?? null])) as Array<{
        district: string;
        kind: (typeof KINDS)[number];
        total: number;
        established: number;
      }>;
      const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<(typeof KINDS)[number], number>;
      const districts = new Map<string, { district: string; seizedFoundSurrendered: number; originEstablished: number }>();
      let total = 0;
      let established = 0;
      for (const row of rows) {
        byKind[row.kind] += row.total;
        total += row.total;
        established += row.established;
        const cell = districts.get(row.district) ?? { district: row.district, seizedFoundSurrendered: 0, originEstablished: 0 };
        cell.seizedFoundSurrendered += row.total;
        cell.originEstablished += row.established;
        districts.set(row.district, cell);
      }
      const hidden = publishable && (isSmall(total) || isSmall(established));
      const headline = suppressCell({ seizedFoundSurrendered: total, originEstablished: established }, ['seizedFoundSurrendered', 'originEstablished'], publishable);
      return {
        from: query.from,
        to: query.to,
        district: query.district ?? null,
        ...headline,
        proportion: hidden || total === 0 ? null : established / total,
        byKind: suppressCell(byKind, KINDS, publishable),
        byDistrict: [...districts.values()]
          .sort((a, b) => a.district.localeCompare(b.district))
          .map((cell) => suppressCell(cell, ['seizedFoundSurrendered', 'originEstablished'], publishable)),
      };
    });
  }

  async registry(query: RegistryStatisticsQuery): Promise<RegistryStatisticsDto> {
    const at = query.at ?? panamaDay();
    if (!isCalendarDay(at)) throw new ValidationFailedError([{ field: 'at', message: msg('field.notCalendarDay', 'at') }]);
    const groupBy = query.groupBy ?? 'district';
    const publishable = query.publishable === true;
    return this.snapshot(async (manager) => {
      const holdersSql = registryHoldersSql(groupBy);
      const [weapons, holders, [total], names] = await Promise.all([
        groupBy === 'licenceKind'
          ? Promise.resolve([])
          : (manager.query(REGISTRY_WEAPONS_SQL, [at]) as Promise<Array<{ district: string; type: string; status: string; weapons: number }>>),
        holdersSql ? (manager.query(holdersSql, [at]) as Promise<Array<{ key: string; holders: number }>>) : Promise.resolve([]),
        manager.query(REGISTRY_HOLDERS_TOTAL_SQL, [at]) as Promise<Array<{ holders: number }>>,
        manager.query(PLACE_NAMES_SQL) as Promise<Array<{ code: string; name: string; province_code: string | null }>>,
      ]);
      const nameOf = new Map(groupBy === 'district' || groupBy === 'province' ? names.map((row) => [row.code, row.name]) : []);
      const provinceOf = new Map(names.map((row) => [row.code, row.province_code]));
      const groups = new Map<string, RegistryGroupDto>();
      const group = (key: string): RegistryGroupDto => {
        const found = groups.get(key) ?? {
          key,
          name: nameOf.get(key) ?? null,
          weapons: groupBy === 'licenceKind' ? null : 0,
          licensedHolders: groupBy === 'status' ? null : 0,
        };
        groups.set(key, found);
        return found;
      };
      // Statuses that end a weapon's life count only when grouping by status.
      const counted = groupBy === 'status' ? weapons : weapons.filter((row) => !ENDED.includes(row.status));
      for (const row of counted) {
        const key = groupBy === 'district' ? row.district : groupBy === 'province' ? (provinceOf.get(row.district) ?? row.district) : groupBy === 'type' ? row.type : row.status;
        const cell = group(key);
        cell.weapons = (cell.weapons ?? 0) + row.weapons;
      }
      for (const row of holders) group(row.key).licensedHolders = row.holders;
      const weaponTotal = counted.reduce((sum, row) => sum + row.weapons, 0);
      const cells = ['weapons', 'licensedHolders'] as const;
      return {
        at,
        groupBy,
        groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)).map((cell) => suppressCell(cell, cells, publishable)),
        totals: suppressCell({ key: 'total', name: null, weapons: weaponTotal, licensedHolders: total.holders }, cells, publishable),
      };
    });
  }

  async recoveries(query: RecoveryStatisticsQuery): Promise<RecoveryStatisticsDto> {
    checkPeriod(query.from, query.to);
    const groupBy = query.groupBy ?? 'month';
    const publishable = query.publishable === true;
    return this.snapshot(async (manager) => {
      const [groups, ammunition] = await Promise.all([
        manager.query(recoveryItemsSql(groupBy), [query.from, query.to]) as Promise<Array<{ key: string; items: number }>>,
        manager.query(RECOVERED_AMMUNITION_SQL, [query.from, query.to]) as Promise<Array<{ calibre: string; rounds: number }>>,
      ]);
      const total = groups.reduce((sum, row) => sum + row.items, 0);
      return {
        from: query.from,
        to: query.to,
        groupBy,
        groups: groups.map((row) => suppressCell(row, ['items'], publishable)),
        totalItems: publishable && isSmall(total) ? null : total,
        ammunition: ammunition.map((row) => suppressCell(row, ['rounds'], publishable)),
      };
    });
  }
}
