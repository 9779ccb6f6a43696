import { EvidenceEntity } from './evidence.entity';
import { LicenceEntity } from './licence.entity';
import { OwnerEntity } from './owner.entity';

/** The tables the owners module maps. */
export const ownersEntities: Array<new () => object> = [OwnerEntity, LicenceEntity, EvidenceEntity];
