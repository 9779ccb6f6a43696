import { WEAPON_TYPE_CODES } from '../owners/weapon-types';
import { LICENCE_KINDS } from '../owners/licence-kinds';
import { OWNER_STATUSES } from '../owners/owner-status';
import { ID_DOCUMENT_KINDS, OWNER_TYPES } from '../owners/id-document';
import { WeaponEventKind, WeaponStatus } from '../registry/weapon-status';
import { RECOVERY_KINDS } from '../recoveries/recovery-kinds';
import { countryName, DISPLAY_NAMES, displayName } from './display-names';

describe('display names', () => {
  it.each([
    ['weaponType', WEAPON_TYPE_CODES],
    ['weaponStatus', Object.values(WeaponStatus)],
    ['weaponEvent', Object.values(WeaponEventKind)],
    ['licenceKind', LICENCE_KINDS],
    ['ownerStatus', OWNER_STATUSES],
    ['ownerType', OWNER_TYPES],
    ['idDocumentKind', ID_DOCUMENT_KINDS],
    ['recoveryKind', RECOVERY_KINDS],
  ] as const)('%s names every code in both languages', (kind, codes) => {
    const names: Record<string, { es: string; en: string }> = DISPLAY_NAMES[kind];
    for (const code of codes) {
      expect(names[code]?.es).toBeTruthy();
      expect(names[code]?.en).toBeTruthy();
    }
  });

  it('shows Spanish names and keeps an unknown code as written', () => {
    expect(displayName('weaponType', 'pistol', 'es')).toBe('pistola');
    expect(displayName('weaponStatus', 'stolen', 'es')).toBe('robada');
    expect(displayName('weaponStatus', 'stolen', 'en')).toBe('stolen');
    expect(displayName('weaponType', 'toString', 'es')).toBe('toString');
  });

  it('names countries from their ISO codes', () => {
    expect(countryName('AT', 'es')).toBe('Austria');
    expect(countryName('de', 'es')).toBe('Alemania');
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('Unknownland', 'es')).toBe('Unknownland');
  });
});
