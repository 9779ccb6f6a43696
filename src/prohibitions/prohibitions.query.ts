import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { HolderChecks } from '../owners/holder-checks.service';
import type { ProhibitionDto } from './prohibition.dto';
import { ProhibitionEntity } from './prohibition.entity';
import { toProhibitionDto } from './prohibition.mapper';

@Injectable()
export class ProhibitionsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly holders: HolderChecks,
  ) {}

  /** An owner's prohibitions, newest first (served by ix_prohibitions_owner). */
  async of(ownerId: string): Promise<ProhibitionDto[]> {
    if (!(await this.holders.findOwners([ownerId])).has(ownerId)) throw new NotFoundError('owner', ownerId);
    const rows = await this.dataSource.getRepository(ProhibitionEntity).find({
      where: { ownerId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return rows.map(toProhibitionDto);
  }
}
