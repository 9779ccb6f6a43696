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
  /** How a holding period began: the first registration, or the kind of the transfer. */
  transferKind: {
    registration: { es: 'registro', en: 'registration' },
    sale: { es: 'compraventa', en: 'sale' },
    donation: { es: 'donación', en: 'donation' },
    inheritance: { es: 'herencia', en: 'inheritance' },
    dealer_sale: { es: 'venta de comerciante', en: 'dealer sale' },
    state_assignment: { es: 'asignación estatal', en: 'State assignment' },
    export: { es: 'exportación', en: 'export' },
  },
  serialStatus: {
    marked: { es: 'marcada', en: 'marked' },
    obliterated: { es: 'borrada', en: 'obliterated' },
    unmarked: { es: 'sin marcar', en: 'unmarked' },
  },
  traceFlag: {
    stolen: { es: 'robada', en: 'stolen' },
    lost: { es: 'extraviada', en: 'lost' },
    unverified_make: { es: 'marca no verificada', en: 'unverified make' },
    unverified_calibre: { es: 'calibre no verificado', en: 'unverified calibre' },
    pending_correction: { es: 'corrección pendiente', en: 'correction pending' },
    obliterated_serial: { es: 'serie borrada', en: 'obliterated serial' },
    unmarked_serial: { es: 'sin número de serie', en: 'unmarked serial' },
    missing_ballistics: { es: 'sin prueba balística', en: 'no ballistic test' },
    holder_inactive: { es: 'titular no activo', en: 'holder not active' },
  },
  traceRequestStatus: {
    queued: { es: 'en cola', en: 'queued' },
    processing: { es: 'en proceso', en: 'processing' },
    completed: { es: 'completada', en: 'completed' },
    failed: { es: 'fallida', en: 'failed' },
  },
  traceOutcome: {
    traced: { es: 'rastreada', en: 'traced' },
    multiple_candidates: { es: 'varias candidatas', en: 'multiple candidates' },
    not_found: { es: 'no encontrada', en: 'not found' },
    refused: { es: 'denegada', en: 'refused' },
  },
  acquisitionKind: {
    domestic_purchase: { es: 'compra nacional', en: 'domestic purchase' },
    import: { es: 'importación', en: 'import' },
    inheritance: { es: 'herencia', en: 'inheritance' },
    manufacture: { es: 'fabricación', en: 'manufacture' },
    legacy_record: { es: 'registro anterior', en: 'legacy record' },
    recovery: { es: 'recuperación por el Estado', en: 'recovery by the State' },
  },
  diversionPoint: {
    theft: { es: 'robo', en: 'theft' },
    loss: { es: 'extravío', en: 'loss' },
    state_stock: { es: 'arsenal del Estado', en: 'State stock' },
    illicit_manufacture: { es: 'fabricación ilícita', en: 'illicit manufacture' },
    smuggled_import: { es: 'importación de contrabando', en: 'smuggled import' },
    unauthorised_transfer: { es: 'traspaso no autorizado', en: 'unauthorised transfer' },
    unknown: { es: 'desconocido', en: 'unknown' },
  },
  destructionMethod: {
    cutting: { es: 'corte', en: 'cutting' },
    smelting: { es: 'fundición', en: 'smelting' },
    crushing: { es: 'aplastamiento', en: 'crushing' },
    shredding: { es: 'trituración', en: 'shredding' },
    other: { es: 'otro', en: 'other' },
  },
  alertSource: {
    registration_attempt: { es: 'intento de registro', en: 'registration attempt' },
    trace_search: { es: 'búsqueda de rastreo', en: 'trace search' },
    trace_request: { es: 'solicitud de rastreo', en: 'trace request' },
  },
  alertStatus: {
    open: { es: 'abierta', en: 'open' },
    acknowledged: { es: 'atendida', en: 'acknowledged' },
  },
  traceScope: {
    domestic: { es: 'nacional', en: 'domestic' },
    international: { es: 'internacional', en: 'international' },
  },
  evidenceKind: {
    psychological_evaluation: { es: 'evaluación psicológica', en: 'psychological evaluation' },
    drug_test: { es: 'prueba toxicológica', en: 'drug test' },
    criminal_record: { es: 'certificado de antecedentes penales', en: 'criminal-record certificate' },
    shooting_test: { es: 'prueba de tiro', en: 'shooting test' },
    training: { es: 'capacitación', en: 'training' },
  },
  notificationKind: {
    licence_expiring: { es: 'licencia por vencer', en: 'licence expiring' },
    certificate_expiring: { es: 'certificado por vencer', en: 'certificate expiring' },
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
