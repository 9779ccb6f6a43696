import { Platform1795878390000 } from './1795878390000-platform';
import { ReferenceDistricts1795878400000 } from './1795878400000-reference-districts';
import { ReferenceCatalogue1795878410000 } from './1795878410000-reference-catalogue';
import { OwnersLicences1795878420000 } from './1795878420000-owners-licences';
import { Registry1795878430000 } from './1795878430000-registry';

/** Applied in this order; a new migration is added at the end. */
export const migrations = [
  Platform1795878390000,
  ReferenceDistricts1795878400000,
  ReferenceCatalogue1795878410000,
  OwnersLicences1795878420000,
  Registry1795878430000,
];
