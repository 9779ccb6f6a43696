export const LICENCE_KINDS = ['possession', 'carry', 'dealer', 'collector', 'security_company'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
