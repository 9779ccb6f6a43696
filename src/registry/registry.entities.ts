import { CorrectionEntity } from './correction.entity';
import { WeaponEventEntity } from './weapon-event.entity';
import { WeaponEntity } from './weapon.entity';

export const registryEntities = [WeaponEntity, WeaponEventEntity, CorrectionEntity];
