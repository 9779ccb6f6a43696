import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { TRACKED_LOCK_TIMEOUT } from '../queue/tracked-jobs';
import { RecoveriesQuery } from '../recoveries/recoveries.query';
import { outcomeOf } from '../trace/serial-match';
import type { TraceRecordDto } from '../trace/trace.dto';
import { TraceRecords } from '../trace/trace-records.query';
import { TraceSearch } from '../trace/trace-search.service';
import { TransferStepsQuery } from '../transfers/transfer-steps.query';
import { InternationalTraceEntity, TracePackageEntity } from './international-trace.entity';
import { buildTracePackage, ownersNamed, type PackageSearch } from './trace-package';

/**
 * Prepares a trace's package (the work of its tracked job). Incoming: the registry is searched
 * for the marking (exact, normalised, with look-alikes folded) and, when one weapon answers,
 * its whole record is packed. Outgoing: the weapon's record and its recoveries are packed.
 * BullMQ may run it more than once: only the run that finds the package `processing`, under
 * its row lock, writes it, with its sha256 and audit entry.
 */
@Injectable()
export class PrepareTracePackageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: TraceSearch,
    private readonly records: TraceRecords,
    private readonly transferSteps: TransferStepsQuery,
    private readonly recoveries: RecoveriesQuery,
    private readonly audit: AuditService,
  ) {}

  async execute(id: string, queue: AuditActor): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '${TRACKED_LOCK_TIMEOUT}'`);
      const pack = await manager.findOne(TracePackageEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!pack || pack.status !== 'processing') return pack?.status ?? 'missing';
      const trace = await manager.findOneByOrFail(InternationalTraceEntity, { id });
      let search: PackageSearch | null = null;
      let weaponId: string | null = trace.weaponId;
      if (trace.direction === 'incoming') {
        const { marking } = trace;
        const fields = { serial: 'marking.serialNumber', prefix: 'marking.' };
        let narrowedBy = ['make', 'type', ...(marking.calibre ? ['calibre'] : [])];
        let candidates = await this.search.find(
          { serial: marking.serialNumber, make: marking.make, calibre: marking.calibre, type: marking.type },
          fields,
        );
        // Another state may write the make or calibre in a form the catalogue does not know
        // ("Glock Ges.m.b.H."): with nothing found, the serial alone is searched, and the package
        // says the match did not check them, for the official to weigh before responding.
        if (candidates.length === 0) {
          candidates = await this.search.find({ serial: marking.serialNumber }, fields);
          narrowedBy = [];
        }
        const { outcome, traced } = outcomeOf(candidates);
        search = {
          outcome,
          narrowedBy,
          candidates: candidates.map((candidate) => ({ registryNumber: candidate.weapon.registryNumber, match: candidate.match, score: candidate.score })),
        };
        weaponId = traced === null ? null : candidates[traced].weapon.id;
      }
      const record: TraceRecordDto | null = weaponId === null ? null : await this.records.build(weaponId);
      const [steps, recoveries] = weaponId === null ? [[], []] : await Promise.all([this.transferSteps.ofWeapon(weaponId), this.recoveries.ofWeapon(weaponId)]);
      const head = await this.audit.head(manager);
      const content = JSON.stringify(buildTracePackage({ trace, search, record, steps, recoveries, preparedAt: new Date(), auditHead: head }));
      pack.content = content;
      pack.sha256 = createHash('sha256').update(content, 'utf8').digest('hex');
      pack.outcome = search?.outcome ?? 'prepared';
      pack.weaponId = weaponId;
      pack.auditHeadSeq = String(head.seq);
      pack.auditHeadHash = head.hash;
      pack.namesOwners = ownersNamed(record, trace.restrictions);
      pack.status = 'completed';
      pack.completedAt = new Date();
      await manager.save(pack);
      await this.audit.append(manager, queue, {
        action: 'international_trace.package_prepared',
        entityType: 'international_trace',
        entityId: trace.id,
        before: { packageStatus: 'processing' },
        after: {
          packageStatus: 'completed',
          outcome: pack.outcome,
          weaponId,
          candidates: search?.candidates.map((candidate) => candidate.registryNumber) ?? [],
          sha256: pack.sha256,
          personData: pack.namesOwners.length > 0 ? 'included' : 'withheld',
          auditHeadSeq: head.seq,
        },
      });
      return pack.outcome;
    });
  }
}
