/** The reference catalogue's tables (makes, calibres, weapon types and their aliases). */
export const catalogueEntities: Array<new () => object> = [];
