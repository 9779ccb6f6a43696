import type { TraceRecordDto } from '../trace/trace.dto';
import type { InternationalTraceEntity } from './international-trace.entity';
import { interpolLine } from './interpol-export';
import { buildTracePackage, ownersNamed, personDataAllowed } from './trace-package';

const trace = (restrictions: { confidential: boolean; noOnwardSharing: boolean }): InternationalTraceEntity =>
  ({
    id: 't1',
    direction: 'incoming',
    state: 'CO',
    agencyReference: 'REF-1',
    receivedAt: new Date('2026-11-01T00:00:00Z'),
    dueAt: new Date('2026-12-01T00:00:00Z'),
    circumstances: 'c',
    marking: { make: 'Glock', type: 'pistol', serialNumber: 'AB-1234' },
    restrictions: { ...restrictions, purposeOnly: null },
  }) as unknown as InternationalTraceEntity;

const record = {
  weapon: {
    registryNumber: 'PA-2026-0000001',
    registeredAt: '2026-01-01T00:00:00.000Z',
    status: 'active',
    origin: 'registered',
    district: '8-05',
    make: 'Glock',
    model: '19',
    type: 'pistol',
    calibre: '9×19mm Parabellum',
    serialNumber: 'AB-1234',
    serialStatus: 'marked',
    countryOfManufacture: 'AT',
    yearOfManufacture: 2021,
    importMarking: null,
    otherMarkings: null,
    acquisition: { kind: 'domestic_purchase', date: '2026-01-01' },
  },
  custody: [
    { owner: { id: 'o1', name: 'Ana', idDocument: { kind: 'cedula', number: '8-123-4567' }, district: '8-05' }, from: '2026-01-01', to: null, via: { kind: 'registration', transferId: null } },
  ],
  events: [],
} as unknown as TraceRecordDto;

const parts = (restrictions: { confidential: boolean; noOnwardSharing: boolean }) => ({
  trace: trace(restrictions),
  search: { outcome: 'traced', narrowedBy: ['make', 'type'], candidates: [] },
  record,
  steps: [],
  recoveries: [],
  preparedAt: new Date('2026-11-02T00:00:00Z'),
  auditHead: { seq: 7, hash: 'ab' },
});

describe('trace package', () => {
  it('names holders only when the requester accepts confidentiality and no onward sharing', () => {
    expect(personDataAllowed({ confidential: true, noOnwardSharing: true, purposeOnly: null })).toBe(true);
    for (const [confidential, noOnwardSharing] of [[true, false], [false, true], [false, false]]) {
      const pack = buildTracePackage(parts({ confidential, noOnwardSharing }));
      expect(pack.weapon!.holders).toBeNull();
      expect(pack.handling.personData).toBe('withheld');
      expect(ownersNamed(record, { confidential, noOnwardSharing, purposeOnly: null })).toEqual([]);
    }
    const named = buildTracePackage(parts({ confidential: true, noOnwardSharing: true }));
    expect(named.weapon!.holders).toEqual([{ name: 'Ana', idDocument: { kind: 'cedula', number: '*-***-4567' }, district: '8-05', from: '2026-01-01', to: null, via: 'registration' }]);
    expect(ownersNamed(record, { confidential: true, noOnwardSharing: true, purposeOnly: null })).toEqual(['o1']);
  });

  it('writes an INTERPOL row in the fixed column order, escaping formulas and quoting commas', () => {
    expect(
      interpolLine({
        recordId: 'PA-2026-0000001',
        status: 'stolen',
        changedAt: '2026-11-01T10:00:00.000Z',
        make: 'Glock',
        model: '=1+1, x',
        type: 'pistol',
        calibre: '9×19mm Parabellum',
        serialNumber: 'AB-1234',
        countryOfManufacture: 'AT',
        importMarking: 'PA 2024',
        caseReference: '@ref',
      }),
    ).toBe(`PA-2026-0000001,stolen,2026-11-01T10:00:00.000Z,Glock,"'=1+1, x",pistol,9×19mm Parabellum,AB-1234,AT,PA 2024,DIASP Panama,'@ref\r\n`);
  });
});
