import { CORE_ACCESS } from '@plh/contracts';
import {
  Page,
  PageQuery,
  principalOf,
  Type,
  uploadedFile,
  uploadRequestBody,
  type FastifyPluginAsyncTypebox,
} from '@plh/service-kit';
import { LIST_STATUSES } from '../data/patient-list.repository';
import type { CoreDeps } from '../domain/deps';
import { acceptPatientList } from '../domain/patient-list/accept-list';
import { deletePatientList } from '../domain/patient-list/delete-list';
import { FIELDS, missingFields } from '../domain/patient-list/columns';
import { findListWithIssues, issuesCsv, listIssues } from '../domain/patient-list/issues';
import { listPatientLists } from '../domain/patient-list/list-lists';
import { mapPatientList } from '../domain/patient-list/map-list';
import { listRecipients } from '../domain/patient-list/recipients';
import { uploadPatientList } from '../domain/patient-list/upload-list';
import { errors, literals, PatientListView, Problem, ProjectParams, RowIssue, toListView } from './schemas';

const ListParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), listId: Type.String({ format: 'uuid' }) });
const view = (listWithIssues: Parameters<typeof toListView>[0]) =>
  toListView(
    listWithIssues,
    listWithIssues.list.status === 'needs_mapping' ? missingFields(listWithIssues.list.mapping) : [],
  );
const Severity = Type.Optional(
  Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'Only errors, or only warnings' }),
);

/** Upload of a patient list: the CSV is the raw body or a form's `file` field, streamed. */
export const patientListUploadRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/projects/:projectId/patient-lists',
    {
      config: {
        access: CORE_ACCESS.writePatients,
        requestBody: uploadRequestBody(
          ['text/csv', 'text/plain', 'application/octet-stream'],
          'The patient list as CSV: the raw body, or the `file` field of a multipart/form-data form',
        ),
      },
      schema: {
        summary: 'Upload a patient list; answered at once (202), imported by a job you can follow',
        description:
          'UTF-8 (BOM or not) or Windows-1252, comma/semicolon/tab separated, Excel quoting, a header row. ' +
          'Columns are mapped from common headers; only name, mailing address and (hashed) date of birth are ' +
          'used, encrypted. The answer is the list, `importing` (or `needs_mapping`): poll `links.self` for ' +
          'its progress until `validated`, `rejected` or `failed`. A file that cannot be used at all before ' +
          'any row is read (empty, too large, not text, one column) is 413/415/422 and nothing is kept. ' +
          'Send an `Idempotency-Key` to make a retried upload answer the same list.',
        params: ProjectParams,
        response: { 202: PatientListView, ...errors, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const file = await uploadedFile(req);
      const list = await uploadPatientList(deps, {
        tenantId: req.params.tenantId,
        projectId: req.params.projectId,
        actorId: principal.id,
        body: file.stream,
        filename: file.filename,
      });
      return reply.code(202).header('location', view(list).links.self).send(view(list));
    },
  );
};

/** A project's lists; review, mapping and acceptance of a list; its issues; the recipients themselves. */
export const patientListRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.get(
    '/api/tenants/:tenantId/projects/:projectId/patient-lists',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'A project’s patient lists, newest first (status, progress and counts; no issues)',
        params: ProjectParams,
        querystring: Type.Object({ status: Type.Optional(literals(LIST_STATUSES)), ...PageQuery }),
        response: { 200: Page(PatientListView), ...errors },
      },
    },
    async (req) => {
      const page = await listPatientLists(deps, { ...req.params, ...req.query });
      return { items: page.items.map((list) => view({ list, rowErrors: [], rowWarnings: [] })), next: page.next };
    },
  );
  app.get(
    '/api/tenants/:tenantId/patient-lists/:listId',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'A list’s status, import progress, mapping and validation summary',
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
        summary: 'Map columns by index (when auto-detection missed some); the list is imported again (202)',
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
        response: { 202: PatientListView, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const list = await mapPatientList(deps, {
        tenantId: req.params.tenantId,
        listId: req.params.listId,
        mapping: req.body.mapping,
      });
      return reply.code(202).send(view(list));
    },
  );
  app.delete(
    '/api/tenants/:tenantId/patient-lists/:listId',
    {
      config: { access: CORE_ACCESS.writePatients },
      schema: {
        summary: 'Delete a list: its encrypted rows, issues and file go; it stays as a `deleted` record',
        description:
          'Refused (409 PATIENT_LIST_IN_USE) while an order that is not cancelled, failed or completed mails it.',
        params: ListParams,
        response: { 204: Type.Null(), ...errors, 409: Problem },
      },
    },
    async (req, reply) => {
      await deletePatientList(deps, req.params);
      return reply.code(204).send(null);
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
        summary:
          'The list’s recipients in row order, decrypted, a page at a time (PHI: never cached; every page audited)',
        params: ListParams,
        // Unknown parameters refused: a client still sending the old `skip`/`take` gets a 400, not page 1 again.
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Recipients in the whole list' }),
            next: Type.Union([Type.String(), Type.Null()], {
              description: 'Cursor of the next page; null on the last',
            }),
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
