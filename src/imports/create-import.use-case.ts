import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { Role } from '../auth/role.enum';
import { DomainError } from '../common/domain-error';
import { ErrorCode } from '../common/error-code';
import { requestHash } from '../idempotency/idempotency-key';
import { IdempotencyService, type IdempotentRequest, type IdempotentResult } from '../idempotency/idempotency.service';
import type { RequestContext } from '../common/request-context';
import { JobName } from '../queue/jobs';
import { OutboxService } from '../queue/outbox.service';
import type { AcceptedImportDto } from './import.dto';
import { ImportCheckPool } from './import-check.pool';
import { inspectCsvOffThread } from './import-inspect.thread';

/** SQLSTATE 23505 on the live-hash index: a file posted twice at the same instant. */
function isDuplicateFile(error: unknown): boolean {
  const wrapped = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const source = wrapped.driverError ?? wrapped;
  return source.code === '23505' && source.constraint === 'uq_imports_sha256_live';
}

@Injectable()
export class CreateImportUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly checkThreads: ImportCheckPool,
  ) {}

  /**
   * Accepts a CSV file: read once, on a thread of its own (the API goes on answering
   * meanwhile), to check its header and count its rows, then stored with its SHA-256, its job
   * (through the outbox) and its audit entry in one transaction. The rows themselves are
   * checked and landed by the job. The file of an import that failed is
   * not imported afresh (its landed rows would be registered twice): that import resumes.
   */
  async execute(
    body: unknown,
    context: RequestContext,
    idempotency?: IdempotentRequest | null,
  ): Promise<IdempotentResult<AcceptedImportDto>> {
    if (!Buffer.isBuffer(body)) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, msg('import.sendCsv'));
    }
    const principal = context.principal!;
    const sha256 = createHash('sha256').update(body).digest('hex');
    return this.idempotency.run<AcceptedImportDto>(idempotency, requestHash({ sha256 }), async (complete) => {
      // Its checking thread loads while the file is inspected, ready when the job starts here.
      this.checkThreads.warm();
      const { total } = await inspectCsvOffThread(body);
      try {
        return await this.dataSource.transaction(async (manager) => {
          await this.refuseDuplicate(manager, sha256);
          const resumed = await this.resumeFailed(manager, sha256, context);
          if (resumed) {
            await complete(manager, resumed);
            return resumed;
          }
          const jurisdiction = principal.roles.includes(Role.Admin) ? null : principal.jurisdiction;
          const createdAt = new Date();
          const [row] = (await manager.query(
            `INSERT INTO imports (status, sha256, content, size_bytes, total, imported_by, imported_by_username, jurisdiction,
                                  request_id, created_at)
             VALUES ('queued', $1, $2, $3, $4, $5, $6, $7, $8, $9)
             RETURNING id`,
            [sha256, body, body.length, total, principal.id, principal.username, jurisdiction, context.requestId, createdAt],
          )) as Array<{ id: string }>;
          await this.outbox.enqueue(manager, JobName.RunImport, { importId: row.id });
          await this.audit.append(manager, actorOf(context), {
            action: 'import.created',
            entityType: 'import',
            entityId: row.id,
            before: null,
            after: { status: 'queued', sha256, sizeBytes: body.length, total, jurisdiction, createdAt },
          });
          const accepted: AcceptedImportDto = { id: row.id, status: 'queued' };
          await complete(manager, accepted);
          return accepted;
        });
      } catch (error) {
        if (!isDuplicateFile(error)) throw error;
        await this.refuseDuplicate(this.dataSource.manager, sha256);
        throw error;
      }
    });
  }

  /**
   * The failed import of this file, if any, queued again: its job resumes after the last
   * batch that committed, for the importer and jurisdiction it was posted with. Only that
   * importer or an admin may resume it, since the rows it lands are attributed to the importer.
   */
  private async resumeFailed(manager: EntityManager, sha256: string, context: RequestContext): Promise<AcceptedImportDto | null> {
    const [failed] = (await manager.query(
      `SELECT id, imported_by, processed, total, failure_reason FROM imports
        WHERE sha256 = $1 AND status = 'failed' ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [sha256],
    )) as Array<{ id: string; imported_by: string; processed: number; total: number; failure_reason: string | null }>;
    if (!failed) return null;
    const principal = context.principal!;
    if (failed.imported_by !== principal.id && !principal.roles.includes(Role.Admin)) {
      throw new DomainError(
        ErrorCode.DuplicateImport,
        msg('import.failedBefore', sha256, failed.id),
      );
    }
    await manager.query(`UPDATE imports SET status = 'queued', failure_reason = NULL, finished_at = NULL WHERE id = $1`, [failed.id]);
    await this.outbox.enqueue(manager, JobName.RunImport, { importId: failed.id });
    await this.audit.append(manager, actorOf(context), {
      action: 'import.resumed',
      entityType: 'import',
      entityId: failed.id,
      before: { status: 'failed', processed: failed.processed, failureReason: failed.failure_reason },
      after: { status: 'queued', processed: failed.processed, total: failed.total },
    });
    return { id: failed.id, status: 'queued' };
  }

  /** The same file is imported once; a failed import is resumed rather than imported again. */
  private async refuseDuplicate(manager: EntityManager, sha256: string): Promise<void> {
    const [existing] = (await manager.query(`SELECT id FROM imports WHERE sha256 = $1 AND status <> 'failed'`, [sha256])) as Array<{
      id: string;
    }>;
    if (existing) {
      throw new DomainError(ErrorCode.DuplicateImport, msg('import.alreadyImported', sha256, existing.id));
    }
  }
}
