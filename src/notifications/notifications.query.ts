import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertInJurisdiction, hasNationalScope } from '../auth/jurisdiction';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, isInstantIdKey, type Page, toPage } from '../common/pagination';
import { HolderChecks } from '../owners/holder-checks.service';
import type { NotificationDto, NotificationQuery, NotificationRunDto } from './notification.dto';
import { NotificationEntity, NotificationRunEntity } from './notification.entity';
import { toNotificationDto, toRunDto } from './notification.mapper';

type Key = [string, string];
const isKey = (value: unknown): value is Key => Array.isArray(value) && value.length === 2 && isInstantIdKey(value);

@Injectable()
export class NotificationsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holders: HolderChecks,
  ) {}

  /**
   * Newest first (ix_notifications_created, _owner or _district read backwards). A scoped
   * reader sees the notifications written for owners of their districts; naming an owner
   * outside them is 403 OUT_OF_JURISDICTION.
   */
  async list(query: NotificationQuery, principal: Principal): Promise<Page<NotificationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor, isKey);
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n');
    if (query.ownerId) {
      const owner = (await this.holders.findOwners([query.ownerId])).get(query.ownerId);
      if (!owner) throw new NotFoundError('owner', query.ownerId);
      assertInJurisdiction(principal, owner.district);
      qb.andWhere('n.owner_id = :ownerId', { ownerId: query.ownerId });
    } else if (!hasNationalScope(principal)) {
      qb.andWhere('n.district = ANY(:districts)', { districts: principal.jurisdiction });
    }
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (before) qb.andWhere('(n.created_at, n.id) < (:at, :id)', { at: before[0], id: before[1] });
    const rows = await qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').take(limit + 1).getMany();
    return toPage(rows, limit, toNotificationDto, (row) => [row.createdAt.toISOString(), row.id]);
  }

  async run(id: string): Promise<NotificationRunDto> {
    const run = await this.dataSource.getRepository(NotificationRunEntity).findOneBy({ id });
    if (!run) throw new NotFoundError('notificationRun', id);
    return toRunDto(run);
  }
}
