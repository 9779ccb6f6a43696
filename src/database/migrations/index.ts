import { Platform1795878390000 } from './1795878390000-platform';
import { ReferenceDistricts1795878400000 } from './1795878400000-reference-districts';
import { ReferenceCatalogue1795878410000 } from './1795878410000-reference-catalogue';
import { OwnersLicences1795878420000 } from './1795878420000-owners-licences';
import { Registry1795878430000 } from './1795878430000-registry';
import { Transfers1795878440000 } from './1795878440000-transfers';
import { QueueTrace1795878450000 } from './1795878450000-queue-trace';
import { AuditCheckpoints1795878460000 } from './1795878460000-audit-checkpoints';
import { Reconciliation1795878470000 } from './1795878470000-reconciliation';
import { Reports1795878480000 } from './1795878480000-reports';
import { Imports1795878490000 } from './1795878490000-imports';
import { TraceRequestReports1795878500000 } from './1795878500000-trace-request-reports';
import { WeaponsSerialIndex1795878510000 } from './1795878510000-weapons-serial-index';
import { WeaponsStatusIndex1795878520000 } from './1795878520000-weapons-status-index';
import { MarkingsFolding1795878600000 } from './1795878600000-markings-folding';
import { AuditTransparencyLog1795878800000 } from './1795878800000-audit-transparency-log';
import { IdempotencyLease1795879000000 } from './1795879000000-idempotency-lease';
import { AuditOwnerSubjects1795879200000 } from './1795879200000-audit-owner-subjects';
import { ReportsMasking1795879210000 } from './1795879210000-reports-masking';
import { ReportKindSubjectAccess1795879220000 } from './1795879220000-report-kind-subject-access';
import { Recoveries1795879300000 } from './1795879300000-recoveries';
import { Statistics1795879300100 } from './1795879300100-statistics';
import { WeaponCountChanges1795879400000 } from './1795879400000-weapon-count-changes';
import { HoldingCertificates1795879600000 } from './1795879600000-holding-certificates';
import { LicenceLifecycle1795879700000 } from './1795879700000-licence-lifecycle';
import { InternationalTraces1795879800000 } from './1795879800000-international-traces';
import { ReportLanguage1795880000000 } from './1795880000000-report-language';
import { FindingKindsMerged1795880100000 } from './1795880100000-finding-kinds-merged';

/** Applied in this order; a new migration is added at the end. */
export const migrations = [
  Platform1795878390000,
  ReferenceDistricts1795878400000,
  ReferenceCatalogue1795878410000,
  OwnersLicences1795878420000,
  Registry1795878430000,
  Transfers1795878440000,
  QueueTrace1795878450000,
  AuditCheckpoints1795878460000,
  Reconciliation1795878470000,
  Reports1795878480000,
  Imports1795878490000,
  TraceRequestReports1795878500000,
  WeaponsSerialIndex1795878510000,
  WeaponsStatusIndex1795878520000,
  MarkingsFolding1795878600000,
  AuditTransparencyLog1795878800000,
  IdempotencyLease1795879000000,
  AuditOwnerSubjects1795879200000,
  ReportsMasking1795879210000,
  ReportKindSubjectAccess1795879220000,
  Recoveries1795879300000,
  Statistics1795879300100,
  WeaponCountChanges1795879400000,
  HoldingCertificates1795879600000,
  LicenceLifecycle1795879700000,
  InternationalTraces1795879800000,
  ReportLanguage1795880000000,
  FindingKindsMerged1795880100000,
];
