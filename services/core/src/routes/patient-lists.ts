import { CORE_ACCESS } from '@plh/contracts';
import type { Readable } from 'node:stream';
import { principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { acceptPatientList, importPatientList, listRecipients, mapPatientList } from '../domain/import-patient-list';
import { missingFields } from '../domain/patient-list/columns';
import { ListNotFound } from '../domain/problems';
import { errors, PatientListView, Problem, ProjectParams, toListView } from './schemas';

const ListParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }), listId: Type.String({ format: 'uuid' }) });
const view = (list: Parameters<typeof toListView>[0]) =>
  toListView(list, list.status === 'needs_mapping' ? missingFields(list.mapping) : []);

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
    async (req) => {
      const list = await deps.unitOfWork(req.params.tenantId, (uow) => uow.lists.findById(req.params.listId));
      if (!list) throw new ListNotFound();
      return view(list);
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
              Object.fromEntries(
                ['fullName', 'firstName', 'lastName', 'address1', 'address2', 'city', 'state', 'zip'].map((f) => [
                  f,
                  Type.Optional(Type.Integer({ minimum: 0 })),
                ]),
              ),
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
