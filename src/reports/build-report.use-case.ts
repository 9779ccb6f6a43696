import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { panamaDay } from '../common/dates';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { ReportFileStore } from './report-file.store';
import { reportFileName } from './report-kinds';
import { ReportProducer } from './report-producer';
import { ReportEntity } from './report.entity';

/**
 * Builds a report's file. BullMQ may run it more than once: the file's pieces, the
 * completion and the report.generated entry are written in ONE transaction that holds the
 * report's row lock, so a run that dies leaves nothing behind, a concurrent run waits, and a
 * completed report is never written again. The data comes from ReportProducer, read at one
 * instant; the sink stores ~256 KiB pieces as they fill. The queue's runner
 * (src/queue/tracked-jobs.ts) moves the report to `running` first and records its failure.
 */
@Injectable()
export class BuildReportUseCase {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: ReportProducer,
    private readonly files: ReportFileStore,
    private readonly audit: AuditService,
  ) {}

  /** Run by the queue (ReportProcessor) once the report is `running`; resolves with the status reached. */
  async execute(id: string, queue: AuditActor): Promise<string> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const manager = runner.manager;
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const report = await manager.findOne(ReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report || report.status !== 'running') {
        await runner.rollbackTransaction();
        return report?.status ?? 'missing';
      }
      await this.files.clear(manager, id);
      const sink = this.files.sink(manager, id);
      const built = await this.producer.produce(report, sink);
      const file = await sink.finish();
      report.status = 'completed';
      report.generatedAt = built.generatedAt;
      report.completedAt = new Date();
      report.auditHeadSeq = String(built.auditHeadSeq);
      report.sha256 = file.sha256;
      report.sizeBytes = String(file.sizeBytes);
      report.chunkCount = file.chunkCount;
      report.rowCount = built.rows;
      report.fileName = reportFileName(report.kind, report.format, report.params, panamaDay(built.generatedAt));
      await manager.save(report);
      await this.audit.append(manager, queue, {
        action: 'report.generated',
        entityType: 'report',
        entityId: report.id,
        before: { status: 'running' },
        after: {
          status: 'completed',
          sha256: file.sha256,
          auditHeadSeq: built.auditHeadSeq,
          sizeBytes: file.sizeBytes,
          rows: built.rows,
          fileName: report.fileName,
        },
      });
      await runner.commitTransaction();
      this.logger.log(`report ${id} (${report.kind}, ${report.format}) built: ${built.rows} rows, ${file.sizeBytes} bytes`);
      return 'completed';
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
