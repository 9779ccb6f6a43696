import { ReconciliationFindingEntity } from './reconciliation-finding.entity';
import { ReconciliationRunEntity } from './reconciliation-run.entity';

export const reconciliationEntities: Array<new () => object> = [ReconciliationRunEntity, ReconciliationFindingEntity];
