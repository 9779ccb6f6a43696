export const auditApiEntities: Array<new () => object> = [];
