import { TransferEntity } from './transfer.entity';

export const transfersEntities: Array<new () => object> = [TransferEntity];
