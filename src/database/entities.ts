import { auditApiEntities } from '../audit/audit-api.entities';
import { AuditEntryEntity } from '../audit/chain/audit-entry.entity';
import { AuthSessionEntity } from '../auth/auth-session.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { DistrictEntity, ProvinceEntity } from '../reference/district.entity';
import { ownersEntities } from '../owners/owners.entities';
import { catalogueEntities } from '../reference/catalogue.entities';
import { registryEntities } from '../registry/registry.entities';
import { traceEntities } from '../trace/trace.entities';
import { transfersEntities } from '../transfers/transfers.entities';
import { UserEntity } from '../users/user.entity';
import { importsEntities } from '../imports/imports.entities';
import { reconciliationEntities } from '../reconciliation/reconciliation.entities';
import { reportsEntities } from '../reports/reports.entities';
import { alertsEntities } from '../alerts/alerts.entities';
import { internationalTracesEntities } from '../international-traces/international-traces.entities';
import { prohibitionsEntities } from '../prohibitions/prohibitions.entities';
import { notificationsEntities } from '../notifications/notifications.entities';

/** Every mapped table, so the app and the CLI data source see the same model. */
export const entities = [
  UserEntity,
  AuthSessionEntity,
  RefreshTokenEntity,
  AuditEntryEntity,
  ProvinceEntity,
  DistrictEntity,
  ...catalogueEntities,
  ...ownersEntities,
  ...registryEntities,
  ...transfersEntities,
  ...traceEntities,
  ...auditApiEntities,
  ...reconciliationEntities,
  ...reportsEntities,
  ...importsEntities,
  ...alertsEntities,
  ...internationalTracesEntities,
  ...prohibitionsEntities,
  ...notificationsEntities,
];
