import type { Prisma } from '../../generated/prisma';
import type { Tx } from './db';

export type ListStatus = 'needs_mapping' | 'validated' | 'rejected' | 'accepted';

export interface RowError {
  row: number;
  reasons: string[];
}

export interface PatientListRecord {
  id: string;
  projectId: string;
  fileRevisionId: string;
  status: ListStatus;
  headers: string[];
  mapping: Record<string, number>;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  rowErrors: RowError[];
  fileError: string | null;
  createdBy: string;
  createdAt: Date;
  acceptedAt: Date | null;
}

type Row = Prisma.PatientListGetPayload<object>;
const toRecord = (r: Row): PatientListRecord => ({
  ...r,
  status: r.status as ListStatus,
  headers: r.headers as string[],
  mapping: r.mapping as Record<string, number>,
  rowErrors: r.rowErrors as unknown as RowError[],
});

export interface PatientRow {
  id: string;
  rowNumber: number;
  nameCipher: Buffer;
  addressCipher: Buffer;
  dedupeKey: string;
  nameLength: number;
  addressLines: number;
  maxLineLength: number;
}

/** Patient lists and their (encrypted) patients. */
export function patientListRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async create(l: Omit<PatientListRecord, 'createdAt' | 'acceptedAt'>): Promise<PatientListRecord> {
      return toRecord(
        await tx.patientList.create({
          data: { ...l, rowErrors: l.rowErrors as unknown as Prisma.InputJsonValue, ...scope },
        }),
      );
    },
    async findById(id: string): Promise<PatientListRecord | null> {
      const row = await tx.patientList.findFirst({ where: { ...scope, id } });
      return row ? toRecord(row) : null;
    },
    async update(
      id: string,
      changes: Partial<
        Pick<
          PatientListRecord,
          | 'status'
          | 'mapping'
          | 'totalRows'
          | 'validRows'
          | 'invalidRows'
          | 'duplicateRows'
          | 'rowErrors'
          | 'acceptedAt'
        >
      >,
    ): Promise<PatientListRecord> {
      const { rowErrors, ...rest } = changes;
      await tx.patientList.updateMany({
        where: { ...scope, id },
        data: { ...rest, ...(rowErrors ? { rowErrors: rowErrors as unknown as Prisma.InputJsonValue } : {}) },
      });
      return toRecord((await tx.patientList.findFirst({ where: { ...scope, id } }))!);
    },
    listForProject: async (projectId: string) =>
      (await tx.patientList.findMany({ where: { ...scope, projectId }, orderBy: { createdAt: 'desc' } })).map(toRecord),
    async insertPatients(listId: string, rows: PatientRow[]): Promise<void> {
      if (rows.length === 0) return;
      // Prisma's Bytes input wants a Uint8Array over a plain ArrayBuffer (Node's Buffer type is wider).
      const bytes = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);
      await tx.patient.createMany({
        data: rows.map((r) => ({
          ...r,
          nameCipher: bytes(r.nameCipher),
          addressCipher: bytes(r.addressCipher),
          listId,
          ...scope,
        })),
      });
    },
    deletePatients: (listId: string) => tx.patient.deleteMany({ where: { ...scope, listId } }),
    countPatients: (listId: string) => tx.patient.count({ where: { ...scope, listId } }),
    patients: (listId: string, options: { skip: number; take: number }) =>
      tx.patient.findMany({
        where: { ...scope, listId },
        orderBy: { rowNumber: 'asc' },
        skip: options.skip,
        take: options.take,
      }),
  };
}
export type PatientListRepository = ReturnType<typeof patientListRepository>;
