import { ProhibitionEntity } from './prohibition.entity';

/** The tables the prohibitions module maps. */
export const prohibitionsEntities: Array<new () => object> = [ProhibitionEntity];
