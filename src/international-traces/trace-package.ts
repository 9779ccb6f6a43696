import { maskDocumentNumber } from '../personal-data/mask';
import type { RecoveryDto } from '../recoveries/recovery.dto';
import type { TraceRecordDto } from '../trace/trace.dto';
import type { TransferStep } from '../transfers/transfer-steps.query';
import type { InternationalTraceEntity, TraceRestrictions } from './international-trace.entity';

export const PACKAGE_FORMAT = 'pa-firearms-registry/iti-package/1';

/**
 * ITI para. 20 asks for "all available information"; Ley 81 de 2019 lets a person's data
 * leave only with the safeguards the requester accepts. The rule: holders are named (name,
 * document kind, the document number masked to its last four characters, district) only when
 * the request binds the requesting state both to confidentiality and to no onward sharing;
 * otherwise the package keeps the chain of custody (dates and kinds of every transfer) and
 * withholds who held the weapon.
 */
export function personDataAllowed(restrictions: TraceRestrictions): boolean {
  return restrictions.confidential && restrictions.noOnwardSharing;
}

export const PERSON_DATA_RULE =
  'Holders are named only when the requesting state undertakes both confidentiality and no onward sharing; ' +
  'otherwise the chain of custody is given without identities.';

export interface PackageCandidate {
  registryNumber: string;
  match: string;
  score: number;
}

/** What the registry search found for an incoming trace's marking. */
export interface PackageSearch {
  outcome: string;
  /** The marking's fields the search was narrowed by besides the serial; empty when the serial alone was searched. */
  narrowedBy: string[];
  candidates: PackageCandidate[];
}

export interface PackageHolder {
  name: string;
  idDocument: { kind: string; number: string };
  district: string;
  from: string;
  to: string | null;
  via: string;
}

export interface PackageWeapon {
  registration: { registryNumber: string; registeredAt: string; status: string; origin: string; district: string };
  marking: {
    make: string;
    model: string;
    type: string;
    calibre: string;
    serialNumber: string;
    serialStatus: string;
    countryOfManufacture: string;
    yearOfManufacture: number | null;
    importMarking: { country?: string; year?: number; exemptionRef?: string } | null;
    otherMarkings: string | null;
  };
  acquisition: { kind: string; date: string; documentRef: string | null };
  importRecord: { date: string; documentRef: string | null; importMarking: unknown } | null;
  exportRecords: Array<{ transferId: string; date: string }>;
  transfers: Array<{ transferId: string; kind: string; date: string }>;
  holders: PackageHolder[] | null;
  statusHistory: Array<{ kind: string; occurredAt: string; fromStatus: string; toStatus: string; place: string | null; reference: string | null }>;
  recoveries: Array<{ kind: string; date: string; district: string; agency: string; caseNumber: string | null; place: string | null }>;
}

export interface TracePackage {
  format: string;
  trace: {
    id: string;
    direction: string;
    state: string;
    agencyReference: string;
    receivedAt: string;
    dueAt: string | null;
    circumstances: string;
    marking: Record<string, unknown>;
  };
  handling: { confidential: boolean; noOnwardSharing: boolean; purposeOnly: string | null; personData: 'included' | 'withheld'; rule: string };
  search: PackageSearch | null;
  weapon: PackageWeapon | null;
  preparedAt: string;
  auditHead: { seq: number; hash: string };
}

export interface PackageParts {
  trace: InternationalTraceEntity;
  search: PackageSearch | null;
  record: TraceRecordDto | null;
  steps: readonly TransferStep[];
  recoveries: readonly RecoveryDto[];
  preparedAt: Date;
  auditHead: { seq: number; hash: string };
}

function packageWeapon(record: TraceRecordDto, parts: PackageParts, named: boolean): PackageWeapon {
  const { weapon } = record;
  return {
    registration: {
      registryNumber: weapon.registryNumber,
      registeredAt: weapon.registeredAt,
      status: weapon.status,
      origin: weapon.origin,
      district: weapon.district,
    },
    marking: {
      make: weapon.make,
      model: weapon.model,
      type: weapon.type,
      calibre: weapon.calibre,
      serialNumber: weapon.serialNumber,
      serialStatus: weapon.serialStatus,
      countryOfManufacture: weapon.countryOfManufacture,
      yearOfManufacture: weapon.yearOfManufacture,
      importMarking: weapon.importMarking ? { ...weapon.importMarking } : null,
      otherMarkings: weapon.otherMarkings,
    },
    acquisition: { kind: weapon.acquisition.kind, date: weapon.acquisition.date, documentRef: weapon.acquisition.documentRef ?? null },
    importRecord:
      weapon.acquisition.kind === 'import' || weapon.importMarking
        ? { date: weapon.acquisition.date, documentRef: weapon.acquisition.documentRef ?? null, importMarking: weapon.importMarking }
        : null,
    exportRecords: parts.steps.filter((step) => step.kind === 'export').map((step) => ({ transferId: step.id, date: step.date })),
    transfers: parts.steps.map((step) => ({ transferId: step.id, kind: step.kind, date: step.date })),
    holders: named
      ? record.custody.map((period) => ({
          name: period.owner.name,
          idDocument: { kind: period.owner.idDocument.kind, number: maskDocumentNumber(period.owner.idDocument.number) },
          district: period.owner.district,
          from: period.from,
          to: period.to,
          via: period.via.kind,
        }))
      : null,
    statusHistory: record.events.map((event) => ({
      kind: event.kind,
      occurredAt: event.occurredAt,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      place: event.place ?? null,
      reference: event.reference ?? null,
    })),
    recoveries: parts.recoveries.map((recovery) => ({
      kind: recovery.kind,
      date: recovery.date,
      district: recovery.district,
      agency: recovery.agency,
      caseNumber: recovery.caseNumber,
      place: recovery.place,
    })),
  };
}

/** The package, its keys in a fixed order: the JSON text is what its sha256 is taken over. */
export function buildTracePackage(parts: PackageParts): TracePackage {
  const { trace } = parts;
  const named = personDataAllowed(trace.restrictions);
  return {
    format: PACKAGE_FORMAT,
    trace: {
      id: trace.id,
      direction: trace.direction,
      state: trace.state,
      agencyReference: trace.agencyReference,
      receivedAt: trace.receivedAt.toISOString(),
      dueAt: trace.dueAt?.toISOString() ?? null,
      circumstances: trace.circumstances,
      marking: { ...trace.marking },
    },
    handling: {
      confidential: trace.restrictions.confidential,
      noOnwardSharing: trace.restrictions.noOnwardSharing,
      purposeOnly: trace.restrictions.purposeOnly,
      personData: named ? 'included' : 'withheld',
      rule: PERSON_DATA_RULE,
    },
    search: parts.search,
    weapon: parts.record ? packageWeapon(parts.record, parts, named) : null,
    preparedAt: parts.preparedAt.toISOString(),
    auditHead: parts.auditHead,
  };
}

/** The owners a package names: none when person data is withheld. */
export function ownersNamed(record: TraceRecordDto | null, restrictions: TraceRestrictions): string[] {
  if (!record || !personDataAllowed(restrictions)) return [];
  return [...new Set(record.custody.map((period) => period.owner.id))];
}
