import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/domain-error';
import { MarkingsService } from '../registry/markings.service';
import { foldedSerialError } from '../registry/serial';
import { WeaponEntity } from '../registry/weapon.entity';
import {
  classifyMatch,
  compareMatches,
  containsPattern,
  type MatchKind,
  MIN_SEARCH_LENGTH,
  serialQuery,
} from './serial-match';
import { candidateSql } from './trace-search.sql';

/** The most candidates one search returns. */
export const MAX_CANDIDATES = 50;

export interface MarkingSearch {
  serial: string;
  make?: string | null;
  calibre?: string | null;
  type?: string | null;
}

export interface TraceCandidate {
  weapon: WeaponEntity;
  match: MatchKind;
  score: number;
}

/** Finds the weapons a serial (or a fragment of one) may belong to, best first. */
@Injectable()
export class TraceSearch {
  /** Every mapped column under its property name, so a candidate row is a whole WeaponEntity in one round trip. */
  private readonly columns: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
  ) {
    this.columns = dataSource
      .getMetadata(WeaponEntity)
      .columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
  }

  async find(input: MarkingSearch, fields: { serial: string; prefix: string } = { serial: 'serial', prefix: '' }): Promise<TraceCandidate[]> {
    const query = serialQuery(input.serial);
    const unfoldable = query.normalized.length > 0 ? foldedSerialError(query.normalized, fields.serial) : null;
    if (unfoldable) throw new ValidationFailedError([unfoldable]);
    if (query.normalized.length < MIN_SEARCH_LENGTH) {
      throw new ValidationFailedError([
        {
          field: fields.serial,
          message: msg('field.serialTooShort', fields.serial, MIN_SEARCH_LENGTH),
        },
      ]);
    }
    const params: unknown[] = [query.folded, containsPattern(query.folded), MAX_CANDIDATES, query.folded.length, query.normalized];
    const filters: string[] = [];
    if (input.make || input.calibre || input.type) {
      const identity = this.markings.canonicalise(
        { make: input.make ?? 'x', calibre: input.calibre ?? 'x', type: input.type ?? 'other' },
        fields.prefix,
      );
      if (input.make) filters.push(`make_key = $${params.push(identity.makeKey)}`);
      if (input.calibre) filters.push(`calibre = $${params.push(identity.calibre)}`);
      if (input.type) filters.push(`type = $${params.push(identity.type)}`);
    }
    const narrow = filters.map((filter) => ` AND ${filter}`).join('');
    const rows = (await this.dataSource.query(candidateSql(this.columns, narrow), params)) as WeaponEntity[];
    return rows
      .flatMap((weapon) => {
        const found = classifyMatch(query, weapon);
        return found ? [{ ...found, weapon, registryNumber: weapon.registryNumber }] : [];
      })
      .sort(compareMatches)
      .slice(0, MAX_CANDIDATES)
      .map(({ weapon, match, score }) => ({ weapon, match, score }));
  }
}
