import { tenantRlsSql } from './rls';

describe('tenantRlsSql', () => {
  it('enables RLS with one policy comparing the tenant column as text (text or uuid columns)', () => {
    expect(tenantRlsSql('tenant', 'provider')).toBe(
      [
        'ALTER TABLE "tenant"."provider" ENABLE ROW LEVEL SECURITY;',
        'DROP POLICY IF EXISTS tenant_isolation ON "tenant"."provider";',
        `CREATE POLICY tenant_isolation ON "tenant"."provider" USING ("tenant_id"::text = current_setting('app.tenant_id', true)) WITH CHECK ("tenant_id"::text = current_setting('app.tenant_id', true));`,
      ].join('\n'),
    );
  });
  it('refuses identifiers that would need quoting tricks', () => {
    expect(() => tenantRlsSql('tenant', 'x"; DROP TABLE y; --')).toThrow(/unsafe/);
  });
});
