export const traceEntities: Array<new () => object> = [];
