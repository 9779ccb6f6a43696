import { Injectable } from '@nestjs/common';
import { msg } from '../i18n/message';
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
 * rows are counted in a snapshot, the export is audited with that count (who, since, rows),
 * and only then are the rows of that same snapshot streamed: the log's count is the file's.
 */
@Injectable()
export class ExportInterpolStolenUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: MissingWeaponChanges,
    private readonly audit: AuditService,
  ) {}

  async execute(since: string, context: RequestContext): Promise<InterpolExport> {
    if (!isCalendarDay(since)) throw new ValidationFailedError([{ field: 'since', message: msg('field.notCalendarDay', 'since') }]);
    const snapshot = await this.changes.since(since);
    try {
      await this.dataSource.transaction((manager) =>
        this.audit.append(manager, actorOf(context), {
          action: 'interpol.exported',
          entityType: 'interpol_export',
          entityId: randomUUID(),
          before: null,
          after: { since, rows: snapshot.rows },
        }),
      );
    } catch (error) {
      snapshot.abandon();
      throw error;
    }
    return { fileName: `interpol-stolen-${since}.csv`, rows: snapshot.rows, stream: snapshot.stream(new InterpolCsv()) };
  }
}
