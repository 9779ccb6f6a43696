import { isLicenceInForce, type LicenceTerms, licenceInForceSql, licenceStatusOn } from './licence-in-force';

const licence = (overrides: Partial<LicenceTerms> = {}): LicenceTerms => ({
  status: 'valid',
  issuedAt: '2026-01-10',
  expiresAt: '2026-12-31',
  weaponTypes: ['pistol', 'revolver'],
  ...overrides,
});

describe('licence in force', () => {
  it('holds from the day of issue to the day of expiry, both included', () => {
    expect(isLicenceInForce(licence(), 'pistol', '2026-01-09')).toBe(false);
    expect(isLicenceInForce(licence(), 'pistol', '2026-01-10')).toBe(true);
    expect(isLicenceInForce(licence(), 'pistol', '2026-12-31')).toBe(true);
    expect(isLicenceInForce(licence(), 'pistol', '2027-01-01')).toBe(false);
  });

  it('covers only the weapon types it names', () => {
    expect(isLicenceInForce(licence(), 'revolver', '2026-06-01')).toBe(true);
    expect(isLicenceInForce(licence(), 'rifle', '2026-06-01')).toBe(false);
  });

  it('never holds once revoked', () => {
    expect(isLicenceInForce(licence({ status: 'revoked' }), 'pistol', '2026-06-01')).toBe(false);
  });

  it('is not in force on any day while suspended, and again once the suspension ends by itself', () => {
    const suspended = licence({ status: 'suspended', suspendedUntil: '2026-06-30' });
    expect(isLicenceInForce(suspended, 'pistol', '2026-02-01', '2026-06-30')).toBe(false);
    expect(isLicenceInForce(suspended, 'pistol', '2026-07-15', '2026-06-30')).toBe(false);
    expect(isLicenceInForce(suspended, 'pistol', '2026-02-01', '2026-07-01')).toBe(true);
    expect(isLicenceInForce(licence({ status: 'suspended', suspendedUntil: null }), 'pistol', '2026-02-01', '2030-01-01')).toBe(false);
  });

  it('states the same rule in SQL over a row alias and two placeholders', () => {
    expect(licenceInForceSql('l', '$2', '$3')).toBe(
      "(l.status <> 'revoked' " +
        "AND NOT (l.status = 'suspended' AND (l.suspended_until IS NULL OR (now() AT TIME ZONE 'America/Panama')::date <= l.suspended_until)) " +
        "AND l.issued_at <= ($3)::date AND ($3)::date <= l.expires_at AND ($2)::text = ANY(l.weapon_types))",
    );
  });
});

describe('licence status shown', () => {
  it('is expired only after the last day, and revoked wins', () => {
    expect(licenceStatusOn(licence(), '2026-12-31')).toBe('valid');
    expect(licenceStatusOn(licence(), '2027-01-01')).toBe('expired');
    expect(licenceStatusOn(licence({ status: 'revoked' }), '2027-01-01')).toBe('revoked');
  });

  it('is suspended while the suspension holds, then valid again', () => {
    const suspended = licence({ status: 'suspended', suspendedUntil: '2026-06-30' });
    expect(licenceStatusOn(suspended, '2026-06-30')).toBe('suspended');
    expect(licenceStatusOn(suspended, '2026-07-01')).toBe('valid');
  });
});
