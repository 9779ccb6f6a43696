export const reconciliationEntities: Array<new () => object> = [];
