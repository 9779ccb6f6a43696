export const reportsEntities: Array<new () => object> = [];
