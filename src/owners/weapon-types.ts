/**
 * Weapon type codes a licence may cover. They mirror the codes of the reference catalogue;
 * kept here so licences validate without reaching into another module's tables.
 */
export const WEAPON_TYPE_CODES = [
  'pistol',
  'revolver',
  'rifle',
  'carbine',
  'shotgun',
  'submachine_gun',
  'machine_gun',
  'other',
] as const;
export type WeaponTypeCode = (typeof WEAPON_TYPE_CODES)[number];
