import { type Language } from './language';

type Names = Record<string, { es: string; en: string }>;

/**
 * Names meant for a person, for the codes the API exchanges. The codes themselves never
 * change with the language; these are what reports, reference data and documents show.
 * One table per kind of code; a code missing from its table is shown as written.
 */
export const DISPLAY_NAMES = {
  weaponType: {
    pistol: { es: 'pistola', en: 'pistol' },
    revolver: { es: 'revólver', en: 'revolver' },
    rifle: { es: 'fusil', en: 'rifle' },
    carbine: { es: 'carabina', en: 'carbine' },
    shotgun: { es: 'escopeta', en: 'shotgun' },
    submachine_gun: { es: 'subametralladora', en: 'submachine gun' },
    machine_gun: { es: 'ametralladora', en: 'machine gun' },
    other: { es: 'otra', en: 'other' },
  },
  weaponStatus: {
    active: { es: 'activa', en: 'active' },
    lost: { es: 'extraviada', en: 'lost' },
    stolen: { es: 'robada', en: 'stolen' },
    seized: { es: 'incautada', en: 'seized' },
    in_state_custody: { es: 'en custodia del Estado', en: 'in State custody' },
    destroyed: { es: 'destruida', en: 'destroyed' },
    deactivated: { es: 'inutilizada', en: 'deactivated' },
    exported: { es: 'exportada', en: 'exported' },
  },
  weaponEvent: {
    reported_lost: { es: 'denuncia de extravío', en: 'reported lost' },
    reported_stolen: { es: 'denuncia de robo', en: 'reported stolen' },
    seized: { es: 'incautación', en: 'seizure' },
    recovered: { es: 'recuperación', en: 'recovery' },
    returned: { es: 'devolución', en: 'return' },
    surrendered: { es: 'entrega voluntaria', en: 'surrender' },
    destroyed: { es: 'destrucción', en: 'destruction' },
    deactivated: { es: 'inutilización', en: 'deactivation' },
    custody_transferred: { es: 'traslado de custodia', en: 'custody transfer' },
    forfeited: { es: 'comiso', en: 'forfeiture' },
    remarked: { es: 'marcaje nacional', en: 'national marking' },
    corrected: { es: 'corrección', en: 'correction' },
  },
  licenceKind: {
    possession: { es: 'tenencia', en: 'possession' },
    carry: { es: 'porte', en: 'carry' },
    dealer: { es: 'comerciante', en: 'dealer' },
    collector: { es: 'coleccionista', en: 'collector' },
    security_company: { es: 'empresa de seguridad', en: 'security company' },
  },
  licenceStatus: {
    valid: { es: 'vigente', en: 'valid' },
    suspended: { es: 'suspendida', en: 'suspended' },
    revoked: { es: 'revocada', en: 'revoked' },
    expired: { es: 'vencida', en: 'expired' },
  },
  ownerStatus: {
    active: { es: 'activo', en: 'active' },
    suspended: { es: 'suspendido', en: 'suspended' },
    prohibited: { es: 'con prohibición', en: 'prohibited' },
    deceased: { es: 'fallecido', en: 'deceased' },
  },
  ownerType: {
    person: { es: 'persona natural', en: 'person' },
    organization: { es: 'persona jurídica', en: 'organisation' },
  },
  idDocumentKind: {
    cedula: { es: 'cédula', en: 'national ID card' },
    passport: { es: 'pasaporte', en: 'passport' },
    ruc: { es: 'RUC', en: 'tax number (RUC)' },
  },
  recoveryKind: {
    seized: { es: 'incautación', en: 'seizure' },
    found: { es: 'hallazgo', en: 'found' },
    surrendered: { es: 'entrega voluntaria', en: 'surrender' },
    amnesty: { es: 'amnistía', en: 'amnesty' },
  },
  certificateStatus: {
    valid: { es: 'vigente', en: 'valid' },
    superseded: { es: 'reemplazado', en: 'superseded' },
    expired: { es: 'vencido', en: 'expired' },
    revoked: { es: 'revocado', en: 'revoked' },
  },
} satisfies Record<string, Names>;

export type DisplayKind = keyof typeof DISPLAY_NAMES;

/** The name of a code for a person reading `language`; an unknown code is shown as written. */
export function displayName(kind: DisplayKind, code: string | null | undefined, language: Language): string {
  if (code === null || code === undefined) return '';
  const names: Names = DISPLAY_NAMES[kind];
  return Object.prototype.hasOwnProperty.call(names, code) ? names[code][language] : code;
}

const countries: Record<Language, Intl.DisplayNames> = {
  es: new Intl.DisplayNames(['es-PA'], { type: 'region', fallback: 'code' }),
  en: new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' }),
};

/** The name of an ISO 3166-1 alpha-2 country code (`AT` → `Austria`); anything else as written. */
export function countryName(code: string | null | undefined, language: Language): string {
  if (!code) return '';
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  return countries[language].of(code.toUpperCase()) ?? code;
}
