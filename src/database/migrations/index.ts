import { Platform1795878390000 } from './1795878390000-platform';
import { ReferenceDistricts1795878400000 } from './1795878400000-reference-districts';

/** Applied in this order; a new migration is added at the end. */
export const migrations = [Platform1795878390000, ReferenceDistricts1795878400000];
