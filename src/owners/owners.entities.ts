/** The tables the owners module maps (filled in with the owners and licences entities). */
export const ownersEntities: Array<new () => object> = [];
