export const transfersEntities: Array<new () => object> = [];
