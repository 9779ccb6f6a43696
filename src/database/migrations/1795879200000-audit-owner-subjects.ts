import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The owners an audit entry concerns, for an owner's access log (GET /owners/:id/access-log):
 * the owner itself, a licence's or transfer's owners, and the owners a read showed
 * (`after.ownerIds` of trace.viewed, owner.searched, report.purpose_given).
 */
const SUBJECTS_FUNCTION = `
CREATE FUNCTION "audit_owner_subjects"(p_entity_type text, p_entity_id text, p_after jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(jsonb_agg(DISTINCT id), '[]'::jsonb)
    FROM (
      SELECT CASE WHEN p_entity_type = 'owner' THEN p_entity_id END AS id
      UNION ALL SELECT p_after->>'ownerId'
      UNION ALL SELECT p_after->>'fromOwnerId'
      UNION ALL SELECT p_after->>'toOwnerId'
      UNION ALL SELECT jsonb_array_elements_text(
        CASE WHEN jsonb_typeof(p_after->'ownerIds') = 'array' THEN p_after->'ownerIds' ELSE '[]'::jsonb END)
    ) ids
   WHERE id IS NOT NULL
$$`;

export class AuditOwnerSubjects1795879200000 implements MigrationInterface {
  name = 'AuditOwnerSubjects1795879200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(SUBJECTS_FUNCTION);
    // Partial: weapon and import entries (the bulk of the log) are not indexed, so an import's
    // COPY of audit entries writes nothing to it. The predicate is repeated in the query.
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entries_owner_subjects" ON "audit_entries"
         USING gin ("audit_owner_subjects"("entity_type", "entity_id", "after") jsonb_path_ops)
         WHERE "entity_type" IN ('owner', 'licence', 'transfer') OR "after" ? 'ownerIds'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_entries_owner_subjects"`);
    await queryRunner.query(`DROP FUNCTION "audit_owner_subjects"(text, text, jsonb)`);
  }
}
