import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertInJurisdiction } from '../auth/jurisdiction';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/domain-error';
import { todayInPanama } from './calendar';
import { type EvidenceDto } from './evidence.dto';
import { EvidenceEntity } from './evidence.entity';
import { toEvidenceDto } from './evidence.mapper';
import { OwnerEntity } from './owner.entity';

@Injectable()
export class EvidenceQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An owner's evidence, newest issue first; officers and supervisors within their jurisdiction. */
  async evidenceOf(ownerId: string, principal: Principal | null): Promise<EvidenceDto[]> {
    const owner = await this.dataSource.getRepository(OwnerEntity).findOne({ select: { id: true, district: true }, where: { id: ownerId } });
    if (!owner) throw new NotFoundError('owner', ownerId);
    assertInJurisdiction(principal, owner.district);
    return this.listOf(ownerId);
  }

  /** For the subject-access report: everything, no scope check (the report checks it). */
  async listOf(ownerId: string): Promise<EvidenceDto[]> {
    const rows = await this.dataSource.getRepository(EvidenceEntity).find({
      where: { ownerId },
      order: { issuedAt: 'DESC', recordedAt: 'DESC', id: 'DESC' },
    });
    const today = todayInPanama();
    return rows.map((row) => toEvidenceDto(row, today));
  }
}
