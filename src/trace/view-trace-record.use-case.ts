import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { TraceRecords } from './trace-records.query';
import type { TraceRecordDto } from './trace.dto';

@Injectable()
export class ViewTraceRecordUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: TraceRecords,
    private readonly audit: AuditService,
  ) {}

  /** Who looked at whose custody chain is itself on the record: no view without its audit entry. */
  async execute(weaponId: string, context: RequestContext): Promise<TraceRecordDto> {
    const record = await this.records.build(weaponId);
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, actorOf(context), {
        action: 'trace.viewed',
        entityType: 'weapon',
        entityId: weaponId,
        before: null,
        after: { status: record.status, flags: record.flags, holderId: record.holder?.id ?? null },
      }),
    );
    return record;
  }
}
