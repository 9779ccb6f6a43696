import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { isCalendarDay } from '../common/dates';
import { ValidationFailedError } from '../common/domain-error';
import type { RequestContext } from '../common/request-context';
import { MissingWeaponChanges } from '../registry/interpol-stolen.query';
import { InterpolCsv } from './interpol-export';

export interface InterpolExport {
  fileName: string;
  rows: number;
  stream: Readable;
}

/**
 * The iARMS file: every weapon reported lost or stolen, or recovered, from `since` on. The
 * export is audited first (who, since, row count), then streamed from a cursor: the rows are
 * those recorded up to the audit's instant, so the count in the log is the count in the file.
 */
@Injectable()
export class ExportInterpolStolenUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: MissingWeaponChanges,
    private readonly audit: AuditService,
  ) {}

  async execute(since: string, context: RequestContext): Promise<InterpolExport> {
    if (!isCalendarDay(since)) throw new ValidationFailedError([{ field: 'since', message: 'since must be a calendar date YYYY-MM-DD' }]);
    const upTo = new Date();
    const rows = await this.dataSource.transaction(async (manager) => {
      const count = await this.changes.count(manager, since, upTo);
      await this.audit.append(manager, actorOf(context), {
        action: 'interpol.exported',
        entityType: 'interpol_export',
        entityId: randomUUID(),
        before: null,
        after: { since, recordedUpTo: upTo.toISOString(), rows: count },
      });
      return count;
    });
    const csv = await this.changes.stream(since, upTo, new InterpolCsv());
    return { fileName: `interpol-stolen-${since}.csv`, rows, stream: csv };
  }
}
