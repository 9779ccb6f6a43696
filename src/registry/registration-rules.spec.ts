import { msg } from '../i18n/message';
import { ErrorCode } from '../common/error-code';
import { holderRefusal, inJurisdiction, markingKey, needsLicence, registrationShapeErrors } from './registration-rules';

const TODAY = '2026-11-28';
const base = { serialNumber: 'AB-1', acquisition: { kind: 'domestic_purchase', date: '2026-01-02' } };

describe('registrationShapeErrors', () => {
  it('accepts a marked weapon with a serial acquired in the past or today', () => {
    expect(registrationShapeErrors(base, TODAY)).toEqual([]);
    expect(registrationShapeErrors({ ...base, acquisition: { kind: 'inheritance', date: TODAY } }, TODAY)).toEqual([]);
  });

  it('needs a serial unless it is obliterated or unmarked', () => {
    expect(registrationShapeErrors({ ...base, serialNumber: undefined }, TODAY).map((e) => e.field)).toEqual(['serialNumber']);
    expect(registrationShapeErrors({ ...base, serialNumber: undefined, serialStatus: 'obliterated' }, TODAY)).toEqual([]);
    expect(registrationShapeErrors({ ...base, serialNumber: undefined, serialStatus: 'unmarked' }, TODAY)).toEqual([]);
  });

  it('needs an import marking (country and year) or an exemption for an import', () => {
    const imported = { ...base, acquisition: { kind: 'import', date: '2026-01-02' } };
    expect(registrationShapeErrors(imported, TODAY).map((e) => e.field)).toEqual(['importMarking']);
    expect(registrationShapeErrors({ ...imported, importMarking: { country: 'PA' } }, TODAY).map((e) => e.field)).toEqual(['importMarking']);
    expect(registrationShapeErrors({ ...imported, importMarking: { country: 'PA', year: 2024 } }, TODAY)).toEqual([]);
    expect(registrationShapeErrors({ ...imported, importMarking: { exemptionRef: 'EX-1' } }, TODAY)).toEqual([]);
  });

  it('refuses an unreal day and a day after today', () => {
    expect(registrationShapeErrors({ ...base, acquisition: { kind: 'inheritance', date: '2026-02-30' } }, TODAY)[0].message).toEqual(msg('field.notCalendarDay', 'acquisition.date'));
    expect(registrationShapeErrors({ ...base, acquisition: { kind: 'inheritance', date: '2026-11-29' } }, TODAY)[0].message).toEqual(msg('field.inFuture', 'acquisition.date'));
  });
});

describe('holderRefusal', () => {
  const weapon = { type: 'pistol', acquisitionKind: 'domestic_purchase', acquisitionDate: '2026-01-02' };

  it('refuses an inactive holder before looking at licences', () => {
    expect(holderRefusal({ id: 'o1', status: 'suspended' }, weapon, false)).toMatchObject({ code: ErrorCode.OwnerInactive });
  });

  it('refuses a holder without a licence in force unless the record is a legacy one', () => {
    expect(holderRefusal({ id: 'o1', status: 'active' }, weapon, false)).toMatchObject({ code: ErrorCode.HolderNotLicensed });
    expect(holderRefusal({ id: 'o1', status: 'active' }, { ...weapon, acquisitionKind: 'legacy_record' }, false)).toBeNull();
    expect(holderRefusal({ id: 'o1', status: 'active' }, weapon, true)).toBeNull();
    expect(needsLicence('legacy_record')).toBe(false);
    expect(needsLicence('import')).toBe(true);
  });
});

describe('markingKey and inJurisdiction', () => {
  it('keeps make and serial apart', () => {
    expect(markingKey('AB', 'C')).not.toBe(markingKey('A', 'BC'));
  });

  it('treats null as national scope', () => {
    expect(inJurisdiction(null, '8-05')).toBe(true);
    expect(inJurisdiction(['8-05'], '8-05')).toBe(true);
    expect(inJurisdiction(['8-05'], '8-10')).toBe(false);
  });
});
