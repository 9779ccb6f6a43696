import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import type { DestructionBatchDto } from './destruction-batch.dto';
import { findDestructionBatch } from './recoveries.sql';

@Injectable()
export class DestructionBatchesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<DestructionBatchDto> {
    const batch = await findDestructionBatch(this.dataSource.manager, id);
    if (!batch) throw new NotFoundError('destructionBatch', id);
    return batch;
  }
}
