import { AuditCheckpointEntity } from './checkpoints/audit-checkpoint.entity';

export const auditApiEntities: Array<new () => object> = [AuditCheckpointEntity];
