import { msg } from '../i18n/message';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type AuditInput, AuditService } from '../audit/audit.service';
import { ForbiddenError } from '../auth/auth.errors';
import { assertInJurisdiction } from '../auth/jurisdiction';
import { isCalendarDay, panamaDay } from '../common/dates';
import { DomainError, type FieldError, ValidationFailedError } from '../common/domain-error';
import { requestHash } from '../idempotency/idempotency-key';
import { IdempotencyService, type IdempotentRequest, type IdempotentResult } from '../idempotency/idempotency.service';
import type { RequestContext } from '../common/request-context';
import { ErrorCode } from '../common/error-code';
import { HolderChecks } from '../owners/holder-checks.service';
import { DistrictsService } from '../reference/districts.service';
import { MarkingsService } from '../registry/markings.service';
import { RecoveredWeapons, type RecoveredItem } from '../registry/recovered-weapons.service';
import { isMarkingConflict } from '../registry/registry.errors';
import { toWeaponDto } from '../registry/registry.mapper';
import { normaliseSerial } from '../registry/serial';
import { MISSING_STATUSES } from '../registry/weapon-status';
import { AlertsService } from '../alerts/alerts.service';
import { TraceRequestFilings } from '../trace/trace-request-filing.service';
import { RecoveryKind, recoveryMove, recoveryPermission } from './recovery-kinds';
import type { CreateRecoveryDto, RecoveryDto, RecoveryItemInputDto } from './recovery.dto';
import { insertRecovery, insertRecoveryItems } from './recoveries.sql';

/** Fewest letters or digits a legible part of a serial needs to be worth a fragment search. */
const MIN_FRAGMENT = 4;

/**
 * Records weapons that came into the State's hands: each item matched against the registry,
 * matched weapons moved (seized, or in State custody), unmatched ones written as weapons with
 * no holder, a trace request filed for every item, alerts for weapons reported lost or stolen,
 * the recovery and its items, and every audit entry, in one transaction and a fixed number of
 * statements whatever the number of items.
 */
@Injectable()
export class RecordRecoveryUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly markings: MarkingsService,
    private readonly districts: DistrictsService,
    private readonly holders: HolderChecks,
    private readonly weapons: RecoveredWeapons,
    private readonly traceRequests: TraceRequestFilings,
    private readonly alerts: AlertsService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  async execute(input: CreateRecoveryDto, context: RequestContext, idempotency?: IdempotentRequest | null): Promise<IdempotentResult<RecoveryDto>> {
    const principal = context.principal!;
    const permission = recoveryPermission(input.kind, principal.roles);
    if (permission === 'denied') throw new ForbiddenError(msg('auth.recoveryKindDenied', input.kind));
    await this.checkShape(input);
    if (permission === 'scoped') assertInJurisdiction(principal, input.district);
    const items = input.items.map((item, index) => this.describe(item, index));
    this.checkRepeatedMarkings(items);

    return this.idempotency.run<RecoveryDto>(idempotency, requestHash(input), (complete) =>
      this.dataSource.transaction((manager) => this.record(manager, input, items, context, complete)).catch((error: unknown) => {
        // An unregistered item whose make could not be read landing on a marking recorded the same way.
        if (isMarkingConflict(error)) {
          throw new DomainError(ErrorCode.DuplicateMarking, msg('weapon.markingWithoutMake'));
        }
        throw error;
      }),
    );
  }

  private async record(
    manager: EntityManager,
    input: CreateRecoveryDto,
    items: readonly RecoveredItem[],
    context: RequestContext,
    complete: (manager: EntityManager, body: RecoveryDto) => Promise<void>,
  ): Promise<RecoveryDto> {
    const principal = context.principal!;
    if (input.surrenderedBy) await this.holders.lockOwner(manager, input.surrenderedBy);
    const recoveryId = randomUUID();
    const actor = actorOf(context);
    const move = recoveryMove(input.kind);
    const matches = await this.weapons.match(manager, items);
    const received = await this.weapons.receive(
      manager,
      {
        recoveryId,
        recoveryKind: input.kind,
        ...move,
        date: input.date,
        place: input.place ?? null,
        reference: input.caseNumber ?? null,
        district: input.district,
        recordedBy: principal.id,
      },
      items,
      matches,
      actor,
    );
    const recordedAt = new Date();
    await insertRecovery(manager, {
      id: recoveryId,
      input,
      itemCount: items.length,
      recordedBy: principal.id,
      recordedAt,
      requestId: context.requestId,
    });
    const traceIds = received.map(() => randomUUID());
    const traceEntries = await this.traceRequests.fileMany(
      manager,
      { id: principal.id, username: principal.username, requestId: context.requestId },
      received.map(({ weapon }, index) => {
        const item = input.items[index];
        const legible = item.serialNumber && normaliseSerial(item.serialNumber).length >= MIN_FRAGMENT ? item.serialNumber : null;
        return {
          id: traceIds[index],
          caseNumber: input.caseNumber ?? recoveryId,
          requestingAgency: input.agency,
          reason: `Recuperación ${input.kind} ${recoveryId}, arma ${index}`,
          crimeType: null,
          recovery: { date: input.date, place: input.place ?? input.agency, district: input.district },
          marking: {
            serialNumber: legible ?? weapon.serialNumber,
            make: item.make ?? null,
            model: item.model ?? null,
            calibre: item.calibre ?? null,
            type: item.type,
            countryOfManufacture: item.countryOfManufacture ?? null,
          },
        };
      }),
    );
    await insertRecoveryItems(
      manager,
      received.map(({ weapon, priorStatus }, index) => ({
        index,
        weaponId: weapon.id,
        matched: priorStatus === null ? 'unregistered' : 'registered',
        priorStatus,
        traceRequestId: traceIds[index],
        item: input.items[index],
      })),
      { recoveryId, kind: input.kind, date: input.date, district: input.district, anonymous: input.anonymous === true },
    );
    // A weapon reported lost or stolen turning up is a hit for the police, as a trace request's would be.
    for (const [index, { weapon, priorStatus }] of received.entries()) {
      if (priorStatus === null || !MISSING_STATUSES.includes(priorStatus)) continue;
      await this.alerts.raise(manager, actor, {
        source: 'trace_request',
        weaponId: weapon.id,
        details: { recoveryId, recoveryKind: input.kind, caseNumber: input.caseNumber ?? null, requestingAgency: input.agency, item: index, match: 'exact', reportedAs: priorStatus },
        traceRequestId: traceIds[index],
      });
    }
    const view: RecoveryDto = {
      id: recoveryId,
      kind: input.kind,
      date: input.date,
      district: input.district,
      agency: input.agency,
      caseNumber: input.caseNumber ?? null,
      place: input.place ?? null,
      legalBasis: input.legalBasis ?? null,
      anonymous: input.anonymous === true,
      surrenderedBy: input.surrenderedBy ?? null,
      items: received.map(({ weapon, priorStatus }, index) => ({
        index,
        weaponId: weapon.id,
        matched: priorStatus === null ? 'unregistered' : 'registered',
        traceRequestId: traceIds[index],
      })),
      ammunition: (input.ammunition ?? []).map(({ calibre, rounds }) => ({ calibre, rounds })),
      magazines: input.magazines ?? null,
      recordedBy: principal.id,
      recordedAt: recordedAt.toISOString(),
    };
    const weaponEntries: AuditInput[] = received.map(({ weapon, before }, index) =>
      before === null
        ? { action: 'weapon.registered', entityType: 'weapon', entityId: weapon.id, before: null, after: { ...toWeaponDto(weapon), recoveryId, item: index } }
        : { action: 'weapon.recovered', entityType: 'weapon', entityId: weapon.id, before, after: { ...toWeaponDto(weapon), recoveryId, item: index } },
    );
    await this.audit.appendMany(manager, actor, [
      { action: 'recovery.recorded', entityType: 'recovery', entityId: recoveryId, before: null, after: view },
      ...weaponEntries,
      ...traceEntries,
    ]);
    await complete(manager, view);
    return view;
  }

  private async checkShape(input: CreateRecoveryDto): Promise<void> {
    const errors: FieldError[] = [];
    if (input.anonymous && input.kind !== RecoveryKind.Amnesty) {
      errors.push({ field: 'anonymous', message: msg('field.anonymousOnlyAmnesty', 'anonymous') });
    }
    if (input.anonymous && input.surrenderedBy !== undefined) {
      errors.push({ field: 'surrenderedBy', message: msg('field.anonymousNamesNoOne', 'surrenderedBy') });
    }
    if (!isCalendarDay(input.date)) {
      errors.push({ field: 'date', message: msg('field.notCalendarDay', 'date') });
    } else if (input.date > panamaDay()) {
      errors.push({ field: 'date', message: msg('field.inFuture', 'date') });
    }
    input.items.forEach((item, index) => {
      if (item.serialStatus === 'marked' && item.serialNumber === undefined) {
        errors.push({ field: `items.${index}.serialNumber`, message: msg('field.markedNeedsSerial', `items.${index}.serialNumber`) });
      }
    });
    if (errors.length === 0 && (await this.districts.unknownCodes([input.district])).length > 0) {
      errors.push({ field: 'district', message: msg('field.unknownDistrict', 'district', input.district) });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  /** The item as the registry matches and records it: canonical names, folded serial. */
  private describe(item: RecoveryItemInputDto, index: number): RecoveredItem {
    const identity = this.markings.canonicalise({ make: item.make ?? '', calibre: item.calibre ?? '', type: item.type }, `items.${index}.`);
    const marked = item.serialStatus === 'marked';
    const serialNormalized = marked ? this.markings.normaliseSerial(item.serialNumber!, `items.${index}.serialNumber`) : null;
    return {
      identity,
      makeKnown: item.make !== undefined,
      model: item.model ?? '',
      serialNormalized,
      serialNumber: marked ? item.serialNumber! : null,
      serialStatus: item.serialStatus,
      countryOfManufacture: item.countryOfManufacture ?? null,
      importMarking: item.importMarking ? { ...item.importMarking } : null,
      otherMarkings: null,
    };
  }

  /** Two items of one recovery bearing the same marking would be one weapon recorded twice. */
  private checkRepeatedMarkings(items: readonly RecoveredItem[]): void {
    const seen = new Map<string, number>();
    const errors: FieldError[] = [];
    items.forEach((item, index) => {
      if (!item.serialNormalized) return;
      const key = `${item.makeKnown ? item.identity.makeKey : '*'}\u0000${item.serialNormalized}`;
      const first = seen.get(key);
      if (first !== undefined) errors.push({ field: `items.${index}.serialNumber`, message: msg('field.sameMarkingAs', `items.${index}.serialNumber`, `items.${first}`) });
      else seen.set(key, index);
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
}
