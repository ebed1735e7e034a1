import { CORE_ACCESS } from '@plh/contracts';
import type { Readable } from 'node:stream';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { acceptPatientList, importPatientList, listRecipients, mapPatientList } from '../domain/import-patient-list';
import { FIELDS, missingFields } from '../domain/patient-list/columns';
import { findListWithIssues, issuesCsv, listIssues } from '../domain/patient-list-issues';
import { errors, PatientListView, Problem, ProjectParams, RowIssue, toListView } from './schemas';

const ListParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), listId: Type.String({ format: 'uuid' }) });
const view = (listWithIssues: Parameters<typeof toListView>[0]) =>
  toListView(
    listWithIssues,
    listWithIssues.list.status === 'needs_mapping' ? missingFields(listWithIssues.list.mapping) : [],
  );
const Severity = Type.Optional(
  Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'Only errors, or only warnings' }),
);

/** Upload of a patient list: the CSV is the raw body, streamed. */
export const patientListUploadRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/projects/:projectId/patient-lists',
    {
      config: { access: CORE_ACCESS.writePatients },
      schema: {
        summary: 'Upload a patient list (CSV as the body); answers the validation summary',
        description:
          'UTF-8 (BOM or not) or Windows-1252, comma/semicolon/tab separated, Excel quoting, a header row. ' +
          'Columns are mapped from common headers; only name and mailing address are kept, encrypted. ' +
          'A file that cannot be used at all is 413/415/422 and nothing is kept.',
        params: ProjectParams,
        response: { 201: PatientListView, ...errors, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const list = await importPatientList(deps, {
        tenantId: req.params.tenantId,
        projectId: req.params.projectId,
        actorId: principal.id,
        body: req.body as Readable,
      });
      return reply.code(201).send(view(list));
    },
  );
};

/** Review, mapping and acceptance of a list; the recipients themselves. */
export const patientListRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/patient-lists/:listId',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'A list’s mapping and validation summary',
        params: ListParams,
        response: { 200: PatientListView, ...errors },
      },
    },
    async (req) => view(await findListWithIssues(deps, req.params)),
  );
  app.get(
    '/api/tenants/:tenantId/patient-lists/:listId/issues',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'Every refused row and warning of a list, by line and field, a page at a time',
        params: ListParams,
        querystring: Type.Object({ severity: Severity, ...PageQuery }),
        response: { 200: Page(RowIssue), ...errors },
      },
    },
    async (req) => listIssues(deps, { ...req.params, ...req.query }),
  );
  app.get(
    '/api/tenants/:tenantId/patient-lists/:listId/issues.csv',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'Every refused row and warning of a list as CSV (line, severity, field, code, reason)',
        params: ListParams,
        querystring: Type.Object({ severity: Severity }),
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...errors },
      },
    },
    async (req, reply) => {
      const csv = await issuesCsv(deps, { ...req.params, ...req.query });
      const name = `patient-list-${req.params.listId.slice(0, 8)}-${req.query.severity ?? 'issue'}s.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
  );
  app.put(
    '/api/tenants/:tenantId/patient-lists/:listId/mapping',
    {
      config: { access: CORE_ACCESS.writePatients },
      schema: {
        summary: 'Map columns by index (when auto-detection missed some); the list is validated again',
        params: ListParams,
        body: Type.Object(
          {
            mapping: Type.Object(
              Object.fromEntries(FIELDS.map((f) => [f, Type.Optional(Type.Integer({ minimum: 0 }))])),
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: PatientListView, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req) => {
      return view(
        await mapPatientList(deps, {
          tenantId: req.params.tenantId,
          listId: req.params.listId,
          mapping: req.body.mapping,
        }),
      );
    },
  );
  app.post(
    '/api/tenants/:tenantId/patient-lists/:listId/accept',
    {
      config: { access: CORE_ACCESS.writePatients },
      schema: {
        summary: 'Accept a validated list for mailing (its valid rows)',
        params: ListParams,
        response: { 200: PatientListView, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req) => {
      return view(await acceptPatientList(deps, { tenantId: req.params.tenantId, listId: req.params.listId }));
    },
  );
  app.get(
    '/api/tenants/:tenantId/patient-lists/:listId/recipients',
    {
      config: { access: CORE_ACCESS.readPatients },
      schema: {
        summary: 'The list’s recipients, decrypted, a page at a time (PHI: never cached)',
        params: ListParams,
        querystring: Type.Object({
          skip: Type.Integer({ minimum: 0, default: 0 }),
          take: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                row: Type.Integer(),
                name: Type.String(),
                address1: Type.String(),
                address2: Type.Union([Type.String(), Type.Null()]),
                city: Type.String(),
                state: Type.String(),
                zip: Type.String(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return listRecipients(deps, { tenantId: req.params.tenantId, listId: req.params.listId, ...req.query });
    },
  );
};
