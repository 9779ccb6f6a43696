import { AlertEntity } from './alert.entity';

export const alertsEntities: Array<new () => object> = [AlertEntity];
