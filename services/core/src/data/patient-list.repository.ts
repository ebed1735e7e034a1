import { afterTimeKey, byTime } from '@plh/service-kit';
import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';
import type { JsonRows, ListIssue, PatientRow } from './patient-rows';

export type { JsonRows, ListIssue, PatientRow } from './patient-rows';

export const LIST_STATUSES = [
  'importing',
  'needs_mapping',
  'validated',
  'rejected',
  'failed',
  'accepted',
  'deleted',
] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export interface PatientListRecord {
  id: string;
  tenantId: string;
  projectId: string;
  fileRevisionId: string;
  status: ListStatus;
  headers: string[];
  mapping: Record<string, number>;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  warningRows: number;
  fileError: string | null;
  fileErrorCode: string | null;
  bytesTotal: number;
  bytesRead: number;
  progressAt: Date | null;
  createdBy: string;
  createdAt: Date;
  acceptedAt: Date | null;
  deletedAt: Date | null;
}

type Row = Prisma.PatientListGetPayload<object>;
const toRecord = (r: Row): PatientListRecord => ({
  ...r,
  status: r.status as ListStatus,
  headers: r.headers as string[],
  mapping: r.mapping as Record<string, number>,
  bytesTotal: Number(r.bytesTotal),
  bytesRead: Number(r.bytesRead),
});

/** What an update of a list may change. */
type ListChanges = Partial<
  Pick<
    PatientListRecord,
    | 'status'
    | 'mapping'
    | 'totalRows'
    | 'validRows'
    | 'invalidRows'
    | 'duplicateRows'
    | 'warningRows'
    | 'acceptedAt'
    | 'fileError'
    | 'fileErrorCode'
    | 'bytesRead'
    | 'progressAt'
    | 'deletedAt'
  >
>;

/** Patient lists and their (encrypted) patients. */
export function patientListRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async create(
      l: Omit<PatientListRecord, 'tenantId' | 'createdAt' | 'acceptedAt' | 'bytesRead' | 'progressAt' | 'deletedAt'>,
    ): Promise<PatientListRecord> {
      return toRecord(
        await tx.patientList.create({
          // Millisecond precision (not now()'s microseconds): the list cursor carries this time.
          data: { ...l, ...scope, createdAt: new Date() },
        }),
      );
    },
    async findById(id: string): Promise<PatientListRecord | null> {
      const row = await tx.patientList.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    /** `update`, only while the list is still `status` (null: it changed meanwhile, nothing written). */
    async updateIf(id: string, status: ListStatus, changes: ListChanges): Promise<PatientListRecord | null> {
      const { count } = await tx.patientList.updateMany({ where: { ...scope, id, status }, data: changes });
      return count ? toRecord((await tx.patientList.findFirst({ where: { ...scope, id } }))!) : null;
    },
    async update(id: string, changes: ListChanges): Promise<PatientListRecord> {
      await tx.patientList.updateMany({ where: { ...scope, id }, data: changes });
      return toRecord((await tx.patientList.findFirst({ where: { ...scope, id } }))!);
    },
    /** A project's lists, newest first, after a keyset position (created at, id). */
    async listForProject(
      projectId: string,
      query: { status?: ListStatus; after?: { createdAt: Date; id: string }; take: number },
    ): Promise<PatientListRecord[]> {
      const rows = await tx.patientList.findMany({
        where: {
          ...scope,
          projectId,
          ...(query.status ? { status: query.status } : {}),
          ...afterTimeKey(query.after),
        },
        orderBy: byTime(),
        take: query.take,
      });
      return rows.map(toRecord);
    },
    /**
     * One statement per batch, the rows as one JSON text expanded by Postgres (json_to_recordset):
     * Prisma's createMany compiles every row into its query plan (its wasm compiler took ~60% of an
     * import's CPU), and one text parameter costs this thread next to nothing.
     */
    async insertPatients(listId: string, rows: JsonRows<PatientRow>): Promise<void> {
      await tx.$executeRawUnsafe(
        `INSERT INTO patient (id, tenant_id, list_id, row_number, name_cipher, address_cipher, dedupe_key,
                              name_length, address_lines, max_line_length)
         SELECT id, $1::uuid, $2::uuid, "rowNumber", decode("nameCipher", 'base64'), decode("addressCipher", 'base64'),
                "dedupeKey", "nameLength", "addressLines", "maxLineLength"
         FROM json_to_recordset($3::json) AS t(id uuid, "rowNumber" int, "nameCipher" text, "addressCipher" text,
                                              "dedupeKey" text, "nameLength" int, "addressLines" int, "maxLineLength" int)`,
        tenantId,
        listId,
        rows,
      );
    },
    deletePatients: (listId: string) => tx.patient.deleteMany({ where: { ...scope, listId } }),
    /** One statement per batch (json_to_recordset), like insertPatients. */
    async insertIssues(listId: string, issues: JsonRows<ListIssue>): Promise<void> {
      await tx.$executeRawUnsafe(
        `INSERT INTO patient_list_issue (tenant_id, list_id, line, severity, field, code, reason)
         SELECT $1::uuid, $2::uuid, line, severity, field, code, reason
         FROM json_to_recordset($3::json) AS t(line int, severity text, field text, code text, reason text)`,
        tenantId,
        listId,
        issues,
      );
    },
    deleteIssues: (listId: string) => tx.patientListIssue.deleteMany({ where: { ...scope, listId } }),
    /** Issues in file order, after `afterId` (keyset paging: ids grow with the line within one import). */
    async issues(
      listId: string,
      query: { severity?: ListIssue['severity']; afterId?: bigint; take: number },
    ): Promise<Array<ListIssue & { id: bigint }>> {
      const rows = await tx.patientListIssue.findMany({
        where: {
          ...scope,
          listId,
          ...(query.severity ? { severity: query.severity } : {}),
          ...(query.afterId !== undefined ? { id: { gt: query.afterId } } : {}),
        },
        orderBy: { id: 'asc' },
        take: query.take,
      });
      return rows.map((r) => ({
        id: r.id,
        line: r.line,
        severity: r.severity as ListIssue['severity'],
        field: r.field,
        code: r.code,
        reason: r.reason,
      }));
    },
    countPatients: (listId: string) => tx.patient.count({ where: { ...scope, listId } }),
    /** Rows after a row number, in order (keyset paging: stable while a long job reads them). */
    patientsAfter: (listId: string, afterRow: number, take: number) =>
      tx.patient.findMany({
        where: { ...scope, listId, rowNumber: { gt: afterRow } },
        orderBy: { rowNumber: 'asc' },
        take,
      }),
    /**
     * The rows that stress a letter's layout most, from the plaintext length hints (no decryption):
     * longest name, longest address line, most address lines.
     */
    async stressRows(listId: string): Promise<number[]> {
      const pick = (orderBy: Record<string, 'desc'>) =>
        tx.patient.findFirst({
          where: { ...scope, listId },
          orderBy: [orderBy, { rowNumber: 'asc' }],
          select: { rowNumber: true },
        });
      const rows = await Promise.all([
        pick({ nameLength: 'desc' }),
        pick({ maxLineLength: 'desc' }),
        pick({ addressLines: 'desc' }),
      ]);
      return [...new Set(rows.filter((r) => r !== null).map((r) => r.rowNumber))];
    },
    patientsByRow: (listId: string, rows: number[]) =>
      tx.patient.findMany({
        where: { ...scope, listId, rowNumber: { in: rows } },
        orderBy: { rowNumber: 'asc' },
      }),
  };
}
export type PatientListRepository = ReturnType<typeof patientListRepository>;
