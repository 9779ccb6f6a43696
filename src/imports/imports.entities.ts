import { ImportEntity } from './import.entity';

export const importsEntities: Array<new () => object> = [ImportEntity];
