import { licenceInForceSql } from '../owners/licence-in-force';
import { FINDING_KINDS } from './finding-kinds';
import { FINDING_STATEMENTS, findingInsert } from './reconciliation.sql';

const moment = { runId: '00000000-0000-4000-8000-000000000001', at: new Date('2026-11-28T12:00:00Z'), day: '2026-11-28' };

const placeholders = (sql: string): number[] => [...new Set([...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort((a, b) => a - b);

describe('finding statements', () => {
  it('cover every kind but the audit chain, once each', () => {
    expect(FINDING_STATEMENTS.map((statement) => statement.kind).sort()).toEqual(
      FINDING_KINDS.filter((kind) => kind !== 'AUDIT_CHAIN_INVALID').sort(),
    );
  });

  it.each(FINDING_STATEMENTS.map((statement) => [statement.kind, statement] as const))(
    '%s uses exactly the parameters it is given, then the run and the kind',
    (_kind, statement) => {
      const { sql, params } = findingInsert(statement, moment);
      expect(placeholders(sql)).toEqual(params.map((_, index) => index + 1));
      expect(params.slice(-2)).toEqual([moment.runId, statement.kind]);
    },
  );

  it('checks licences with the shared definition of a licence in force', () => {
    const unlicensed = FINDING_STATEMENTS.find((statement) => statement.kind === 'HOLDER_UNLICENSED')!;
    expect(unlicensed.select).toContain(licenceInForceSql('l', 'w.type', '$1'));
    expect(unlicensed.select).toContain("l.status = 'suspended'");
    expect(unlicensed.params(moment)).toEqual([moment.day, ['active']]);
  });
});
