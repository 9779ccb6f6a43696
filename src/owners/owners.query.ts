import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import { todayInPanama } from './calendar';
import { idNumberSearchKeys } from './id-document';
import { type LicenceDto } from './licence.dto';
import { LicenceEntity } from './licence.entity';
import { toLicenceDto } from './licence.mapper';
import { containsPattern } from './name-search';
import { type OwnerDto, type OwnerSearchQuery } from './owner.dto';
import { OwnerEntity } from './owner.entity';
import { toOwnerDto } from './owner.mapper';

type OwnerCursor = [nameSearch: string, id: string];

const isOwnerCursor = (value: unknown): value is OwnerCursor =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  value[0].length <= 400 &&
  typeof value[1] === 'string' &&
  isUUID(value[1]);

@Injectable()
export class OwnersQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<OwnerDto> {
    const owner = await this.dataSource.getRepository(OwnerEntity).findOneBy({ id });
    if (!owner) throw new NotFoundError('owner', id);
    return toOwnerDto(owner);
  }

  /**
   * Ordered by the folded name, then id; the cursor is that pair for the last row seen.
   * Served by ix_owners_name_order / ix_owners_district, ix_owners_id_number and ix_owners_name_trgm.
   */
  async search(query: OwnerSearchQuery): Promise<Page<OwnerDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isOwnerCursor);
    const rows = this.dataSource.getRepository(OwnerEntity).createQueryBuilder('o');
    if (query.idNumber !== undefined) {
      const keys = idNumberSearchKeys(query.idNumber, query.idKind);
      if (keys.length === 0) return { items: [], nextCursor: null };
      rows.andWhere('o.idNumberNormalized IN (:...keys)', { keys });
    }
    if (query.idKind !== undefined) rows.andWhere('o.idKind = :idKind', { idKind: query.idKind });
    if (query.name !== undefined) rows.andWhere('o.nameSearch LIKE :name', { name: containsPattern(query.name) });
    if (query.district !== undefined) rows.andWhere('o.district = :district', { district: query.district });
    if (after) {
      rows.andWhere('(o.nameSearch, o.id) > (:afterName, :afterId)', { afterName: after[0], afterId: after[1] });
    }
    const found = await rows
      .orderBy('o.nameSearch', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(found, limit, toOwnerDto, (owner): OwnerCursor => [owner.nameSearch, owner.id]);
  }

  /** One licence, its status as of today in Panama. */
  async licence(id: string): Promise<LicenceDto> {
    const licence = await this.dataSource.getRepository(LicenceEntity).findOneBy({ id });
    if (!licence) throw new NotFoundError('licence', id);
    return toLicenceDto(licence, todayInPanama());
  }

  /** Newest issue first; the status shown (valid, expired, revoked) is as of today in Panama. */
  async licencesOf(ownerId: string): Promise<LicenceDto[]> {
    if (!(await this.dataSource.getRepository(OwnerEntity).existsBy({ id: ownerId }))) {
      throw new NotFoundError('owner', ownerId);
    }
    const licences = await this.dataSource.getRepository(LicenceEntity).find({
      where: { ownerId },
      order: { issuedAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
    const today = todayInPanama();
    return licences.map((licence) => toLicenceDto(licence, today));
  }
}
