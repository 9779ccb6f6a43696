import { AuditCheckpointEntity } from './audit-checkpoint.entity';

export const auditApiEntities: Array<new () => object> = [AuditCheckpointEntity];
