import { DEFAULT_LANGUAGE, type Language } from '../i18n/language';
import { readStoredText } from '../i18n/stored-text';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { hasNationalScope } from '../auth/jurisdiction';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, isInstantIdKey, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination';
import type { ImportDto, ImportQuery, ImportRowErrorDto, ImportSummaryDto } from './import.dto';
import { ImportEntity } from './import.entity';
import { toImportDto, toImportSummaryDto } from './import.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key =>
  Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

@Injectable()
export class ImportsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The import with its rejected rows in file order (pk_import_row_errors serves the order).
   * Its rows name holders anywhere in the country: a user with a jurisdiction sees only the
   * imports they posted (another's is not found), a user with national scope sees them all.
   */
  async get(id: string, viewer: Principal, language: Language = DEFAULT_LANGUAGE): Promise<ImportDto> {
    const entity = await this.dataSource.getRepository(ImportEntity).findOneBy({ id });
    if (!entity || !(hasNationalScope(viewer) || entity.importedBy === viewer.id)) throw new NotFoundError('import', id);
    const errors = (await this.dataSource.query(
      'SELECT row, code, message FROM import_row_errors WHERE import_id = $1 ORDER BY row',
      [id],
    )) as ImportRowErrorDto[];
    return toImportDto(entity, errors.map((error) => ({ ...error, message: readStoredText(error.message, language) })));
  }

  /** Newest first; served by ix_imports_created, read backwards. Scoped as get() is. */
  async list(query: ImportQuery, viewer: Principal): Promise<Page<ImportSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(ImportEntity).createQueryBuilder('i');
    if (!hasNationalScope(viewer)) qb.andWhere('i.imported_by = :viewer', { viewer: viewer.id });
    if (query.status !== undefined) qb.andWhere('i.status = :status', { status: query.status });
    if (before) qb.andWhere('(i.created_at, i.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toImportSummaryDto, (row) => [row.createdAt.toISOString(), row.id]);
  }
}
