import { PROOF_ACCESS } from '@plh/contracts';
import { principalOf, Type, Unprocessable, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { ProofDeps } from '../domain/deps';
import { mergeData, plainText } from '../domain/letter-setup';
import { archiveTemplate, checkTemplateText, createTemplate, reviseTemplate } from '../domain/manage-templates';
import { TemplateNotFound } from '../domain/problems';
import { renderLetters } from '../domain/render/render-letters';
import { libraryTemplate } from '../domain/templates/checks';
import { TemplateError } from '../domain/templates/compile';
import { LIBRARY } from '../domain/templates/library';
import { SAMPLE_LETTER_DATA, SAMPLE_PRACTICE } from '../domain/templates/sample-data';
import { errors, LetterType, Problem, TemplateParams, TemplateView, TenantParams, toTemplateView } from './schemas';

const Body = Type.String({ minLength: 1, description: 'Handlebars text; at most 64 KB' });

/** The built-in letter library, a practice's own templates (each change a checked revision), previews. */
const templateRoutes: FastifyPluginAsyncTypebox<{ deps: ProofDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/proof/library',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'The built-in letter types: fields to fill and the content checks each must pass',
        params: TenantParams,
        response: {
          200: Type.Array(
            Type.Object({
              letterType: Type.String(),
              title: Type.String(),
              variables: Type.Array(
                Type.Object({ name: Type.String(), required: Type.Boolean(), description: Type.String() }),
              ),
              checks: Type.Array(
                Type.Object({
                  id: Type.String(),
                  requirement: Type.String(),
                  anyOf: Type.Array(Type.String(), { description: 'One of these fields must have a value' }),
                }),
              ),
              body: Type.String(),
            }),
          ),
          ...errors,
        },
      },
    },
    async () => {
      return Object.values(LIBRARY).map((t) => ({
        ...t,
        checks: t.checks.map((c) => ({ id: c.id, requirement: c.requirement, anyOf: c.anyOf })),
      }));
    },
  );

  app.post(
    '/api/tenants/:tenantId/proof/templates',
    {
      config: { access: PROOF_ACCESS.write },
      bodyLimit: 128 * 1024,
      schema: {
        summary: 'Add a practice template (compiled, fields and legally required elements checked first)',
        params: TenantParams,
        body: Type.Object(
          { letterType: LetterType, name: Type.String({ minLength: 1, maxLength: 200 }), body: Body },
          { additionalProperties: false },
        ),
        response: { 201: TemplateView, 413: Problem, 422: Problem, ...errors },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const template = await createTemplate(deps, {
        tenantId: req.params.tenantId,
        ...req.body,
        actorId: principal.id,
      });
      return reply.code(201).send(toTemplateView(template));
    },
  );

  app.get(
    '/api/tenants/:tenantId/proof/templates',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'The practice’s templates',
        params: TenantParams,
        response: { 200: Type.Array(TemplateView), ...errors },
      },
    },
    async (req) => {
      return (await deps.unitOfWork(req.params.tenantId, (uow) => uow.templates.list())).map(toTemplateView);
    },
  );

  app.get(
    '/api/tenants/:tenantId/proof/templates/:templateId',
    {
      config: { access: PROOF_ACCESS.read },
      schema: {
        summary: 'A template with the text of its latest revision',
        params: TemplateParams,
        response: { 200: Type.Composite([TemplateView, Type.Object({ body: Type.String() })]), ...errors },
      },
    },
    async (req) => {
      const found = await deps.unitOfWork(req.params.tenantId, async (uow) => {
        const t = await uow.templates.findById(req.params.templateId);
        const r = t && !t.archivedAt ? await uow.templates.latestRevision(t.id) : null;
        return t && r ? { ...toTemplateView(t), body: r.body } : null;
      });
      if (!found) throw new TemplateNotFound();
      return found;
    },
  );

  app.put(
    '/api/tenants/:tenantId/proof/templates/:templateId',
    {
      config: { access: PROOF_ACCESS.write },
      bodyLimit: 128 * 1024,
      schema: {
        summary: 'A new revision of a template (checked like a new one; older proofs keep theirs)',
        params: TemplateParams,
        body: Type.Object({ body: Body }, { additionalProperties: false }),
        response: { 200: TemplateView, 413: Problem, 422: Problem, ...errors },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      return toTemplateView(
        await reviseTemplate(deps, {
          tenantId: req.params.tenantId,
          templateId: req.params.templateId,
          body: req.body.body,
          actorId: principal.id,
        }),
      );
    },
  );

  app.delete(
    '/api/tenants/:tenantId/proof/templates/:templateId',
    {
      config: { access: PROOF_ACCESS.write },
      schema: {
        summary: 'Archive a template (its revisions stay, for the proofs made with them)',
        params: TemplateParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await archiveTemplate(deps, req.params.tenantId, req.params.templateId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/tenants/:tenantId/proof/templates/preview',
    {
      config: { access: PROOF_ACCESS.read },
      bodyLimit: 128 * 1024,
      schema: {
        summary: 'A one-letter PDF (watermarked PROOF) of a template text or a letter type, with sample data',
        params: TenantParams,
        body: Type.Object(
          {
            letterType: LetterType,
            body: Type.Optional(Body),
            values: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 4000 }), { maxProperties: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), 413: Problem, 422: Problem, ...errors },
      },
    },
    async (req, reply) => {
      const { letterType } = req.body;
      const compiled = req.body.body ? checkTemplateText(letterType, req.body.body) : libraryTemplate(letterType);
      const name = 'Alex Sample';
      const returnAddress = [SAMPLE_PRACTICE.name, '12 HARBOR ST STE 200', 'SALEM MA 01970-1234'];
      const values = { ...SAMPLE_LETTER_DATA[letterType], ...(req.body.values ?? {}) };
      let merged: string;
      try {
        merged = compiled.render(mergeData(values, returnAddress, name));
      } catch (err) {
        throw checkTemplateError(err);
      }
      const doc = await renderLetters(
        [{ recipient: [name, '1 SAMPLE ST', 'SALEM MA 01970'], body: plainText(merged) }],
        {
          returnAddress,
          proof: true,
          duplex: false,
          title: `Preview: ${LIBRARY[letterType].title}`,
          createdAt: new Date(0),
        },
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="preview.pdf"')
        .send(Buffer.from(doc.pdf));
    },
  );
};
export default templateRoutes;

/** A merge that fails on sample data (a field the sample does not have) is the template's problem: 422. */
function checkTemplateError(err: unknown): unknown {
  return err instanceof TemplateError ? new Unprocessable(err.code, err.message) : err;
}
