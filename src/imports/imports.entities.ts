export const importsEntities: Array<new () => object> = [];
