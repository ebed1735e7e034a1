import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createEvent, PatientListAccepted } from '@plh/contracts';
import { ProblemError, ValidationFailed } from '@plh/service-kit';
import type { ListIssue, PatientListRecord, PatientRow } from '../data/patient-list.repository';
import type { UnitOfWork } from '../data/unit-of-work';
import type { CoreDeps } from './deps';
import { detectMapping, FIELDS, missingFields, type ColumnMapping } from './patient-list/columns';
import { ListFileError, readCsv } from './patient-list/read-csv';
import { withIssuePreview, type ListWithIssues } from './patient-list-issues';
import { dedupeText, validateRow, type Recipient } from './patient-list/validate-row';
import type { PhiSealer } from './phi-cipher';
import { ListFileRejected, ListNotFound, ListNotReady, ProjectNotFound } from './problems';
import { recordRevision, storeUpload } from './upload-file';

const INSERT_BATCH = 1_000;
/** A 200k-row list takes seconds to validate and store; the transaction may take this long. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;

export interface ImportListInput {
  tenantId: string;
  projectId: string;
  actorId: string;
  body: Readable;
}

/**
 * A patient list upload: the file is stored (as the project's next `patient_list` revision), its
 * columns are mapped (auto-detected from the header), and when the mapping is complete every row is
 * validated, normalised and stored encrypted — all in one transaction, so a file that turns out to be
 * unusable half-way leaves nothing behind (and its stored bytes are removed). Rows that fail are
 * counted and listed by row number with reasons; the list waits in `validated` for the practice to
 * accept it (or in `needs_mapping` when columns are missing).
 */
export async function importPatientList(deps: CoreDeps, input: ImportListInput): Promise<ListWithIssues> {
  if (!(await deps.unitOfWork(input.tenantId, (u) => u.projects.findById(input.projectId)))) {
    input.body.resume();
    throw new ProjectNotFound();
  }
  const revisionId = randomUUID();
  const stored = await storeUpload(deps, { ...input, kind: 'patient_list', revisionId }).catch((err: unknown) => {
    // One code for an empty list, whether it has no bytes or only blank lines.
    if (err instanceof ProblemError && err.code === 'EMPTY_FILE')
      throw new ListFileRejected('EMPTY_LIST', 'The file is empty.');
    throw err;
  });
  try {
    const headers = await readHeaders(deps, stored.key);
    const mapping = detectMapping(headers);
    return await deps.unitOfWork(
      input.tenantId,
      async (uow) => {
        const revision = await recordRevision(uow, { ...input, kind: 'patient_list', revisionId, stored });
        const list = await uow.lists.create({
          id: randomUUID(),
          projectId: input.projectId,
          fileRevisionId: revision.id,
          status: 'needs_mapping',
          headers,
          mapping,
          totalRows: 0,
          validRows: 0,
          invalidRows: 0,
          duplicateRows: 0,
          warningRows: 0,
          fileError: null,
          createdBy: input.actorId,
        });
        if (missingFields(mapping).length > 0) return { list, rowErrors: [], rowWarnings: [] };
        return withIssuePreview(uow, await validateInto(deps, uow, list, stored.key, mapping));
      },
      { timeoutMs: IMPORT_TIMEOUT_MS },
    );
  } catch (err) {
    await deps.storage.delete(stored.key).catch(() => undefined);
    throw err instanceof ListFileError ? new ListFileRejected(err.code, err.message) : err;
  }
}

/** The practice maps the columns auto-detection missed; the list is then validated from its stored file. */
export async function mapPatientList(
  deps: CoreDeps,
  input: { tenantId: string; listId: string; mapping: ColumnMapping },
): Promise<ListWithIssues> {
  return deps.unitOfWork(
    input.tenantId,
    async (uow) => {
      const list = await uow.lists.findById(input.listId);
      if (!list) throw new ListNotFound();
      if (list.status === 'accepted') throw new ListNotReady('An accepted list cannot be re-mapped; upload a new one.');
      const errors = Object.entries(input.mapping)
        .filter(([, index]) => index !== undefined && (index < 0 || index >= list.headers.length))
        .map(([field]) => ({
          pointer: `/body/mapping/${field}`,
          message: `is not a column of this list (0–${list.headers.length - 1})`,
        }));
      const missing = missingFields(input.mapping);
      if (missing.length) errors.push({ pointer: '/body/mapping', message: `still lacks ${missing.join(', ')}` });
      if (errors.length) throw new ValidationFailed(errors);
      const revision = await uow.files.findRevision(list.fileRevisionId);
      await uow.lists.deletePatients(list.id);
      await uow.lists.deleteIssues(list.id);
      try {
        return await withIssuePreview(uow, await validateInto(deps, uow, list, revision!.storageKey, input.mapping));
      } catch (err) {
        throw err instanceof ListFileError ? new ListFileRejected(err.code, err.message) : err;
      }
    },
    { timeoutMs: IMPORT_TIMEOUT_MS },
  );
}

export async function acceptPatientList(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string },
): Promise<ListWithIssues> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    if (list.status === 'accepted') return withIssuePreview(uow, list);
    if (list.status !== 'validated') throw new ListNotReady('Map the list’s columns first.');
    if (list.validRows === 0) throw new ListNotReady('The list has no valid rows to mail to.');
    const accepted = await uow.lists.update(list.id, { status: 'accepted', acceptedAt: new Date() });
    await uow.outbox.enqueue(
      createEvent(PatientListAccepted, {
        source: 'core',
        tenantId: input.tenantId,
        data: { listId: list.id, projectId: list.projectId, validRows: list.validRows },
      }),
    );
    await uow.audit.record({
      action: 'patient-list.accept',
      resource: { type: 'patient-list', id: list.id },
      changes: [{ field: 'status', from: list.status, to: 'accepted' }],
    });
    return withIssuePreview(uow, accepted);
  });
}

async function readHeaders(deps: Pick<CoreDeps, 'storage' | 'limits'>, key: string): Promise<string[]> {
  const stream = await deps.storage.get(key);
  try {
    for await (const item of readCsv(stream, { maxRows: deps.limits.maxListRows })) {
      if ('headers' in item) return item.headers;
    }
  } finally {
    stream.destroy();
  }
  throw new ListFileError('EMPTY_LIST', 'The file is empty.');
}

/**
 * Streams the stored file through validation into encrypted patient rows and their issues, batch by
 * batch; Postgres stores one batch while this process parses and encrypts the next (two cores at work).
 */
async function validateInto(
  deps: Pick<CoreDeps, 'storage' | 'limits' | 'keyring'>,
  uow: UnitOfWork,
  list: PatientListRecord,
  key: string,
  mapping: ColumnMapping,
): Promise<PatientListRecord> {
  const sealer = await deps.keyring.sealerFor(uow.tenantId, uow.dataKeys);
  const seen = new Map<string, number>();
  let [total, valid, invalid, duplicates, warned] = [0, 0, 0, 0, 0];
  let patients: PatientRow[] = [];
  let issues: ListIssue[] = [];
  let inserting: Promise<void> = Promise.resolve();
  const flush = async () => {
    await inserting;
    const [p, i] = [patients, issues];
    [patients, issues] = [[], []];
    inserting = uow.lists.insertPatients(list.id, p).then(() => uow.lists.insertIssues(list.id, i));
    inserting.catch(() => undefined); // awaited below; this only keeps it from being "unhandled"
  };
  const stream = await deps.storage.get(key);
  try {
    for await (const item of readCsv(stream, { maxRows: deps.limits.maxListRows })) {
      if ('headers' in item) continue;
      total += 1;
      const result = validateRow(item.cells, mapping, list.headers.length);
      const line = item.row;
      for (const w of result.warnings) issues.push({ line, severity: 'warning', ...w });
      if (!result.ok) {
        invalid += 1;
        for (const e of result.errors) issues.push({ line, severity: 'error', ...e });
      } else {
        const dedupeKey = sealer.dedupeKey(dedupeText(result.recipient, result.dateOfBirth));
        const first = seen.get(dedupeKey);
        if (first !== undefined) {
          duplicates += 1;
          issues.push({
            line,
            severity: 'error',
            field: null,
            code: 'DUPLICATE',
            reason: `the same patient as line ${first} (name, address${mapping.dateOfBirth !== undefined ? ' and date of birth' : ''}): one letter is sent`,
          });
        } else {
          seen.set(dedupeKey, line);
          valid += 1;
          if (result.warnings.length) warned += 1;
          patients.push(sealPatient(sealer, line, dedupeKey, result.recipient));
        }
      }
      if (patients.length >= INSERT_BATCH || issues.length >= INSERT_BATCH) await flush();
    }
  } finally {
    stream.destroy();
    await inserting.catch(() => undefined);
  }
  await flush();
  await inserting;
  return uow.lists.update(list.id, {
    status: 'validated',
    mapping: Object.fromEntries(FIELDS.filter((f) => mapping[f] !== undefined).map((f) => [f, mapping[f]!])),
    totalRows: total,
    validRows: valid,
    invalidRows: invalid,
    duplicateRows: duplicates,
    warningRows: warned,
  });
}

export function addressLinesOf(r: Recipient): string[] {
  return [r.address1, ...(r.address2 ? [r.address2] : []), `${r.city} ${r.state} ${r.zip}`];
}

/** A stored patient's name and address, decrypted (the inverse of sealPatient). */
export function unsealPatient(
  sealer: PhiSealer,
  p: { id: string; nameCipher: Uint8Array; addressCipher: Uint8Array },
): Recipient {
  return {
    name: sealer.decrypt(p.id, 'name', Buffer.from(p.nameCipher)),
    ...(JSON.parse(sealer.decrypt(p.id, 'address', Buffer.from(p.addressCipher))) as Omit<Recipient, 'name'>),
  };
}

function sealPatient(sealer: PhiSealer, row: number, dedupeKey: string, r: Recipient): PatientRow {
  const id = randomUUID();
  const lines = addressLinesOf(r);
  return {
    id,
    rowNumber: row,
    nameCipher: sealer.encrypt(id, 'name', r.name),
    addressCipher: sealer.encrypt(
      id,
      'address',
      JSON.stringify({ address1: r.address1, address2: r.address2, city: r.city, state: r.state, zip: r.zip }),
    ),
    dedupeKey,
    nameLength: r.name.length,
    addressLines: lines.length,
    maxLineLength: Math.max(r.name.length, ...lines.map((l) => l.length)),
  };
}

/** Decrypted recipients of a list, a page at a time (for the practice's review and the proof engine). */
export async function listRecipients(
  deps: Pick<CoreDeps, 'unitOfWork' | 'keyring'>,
  input: { tenantId: string; listId: string; skip: number; take: number },
): Promise<{ total: number; items: Array<Recipient & { id: string; row: number }> }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    const sealer = await deps.keyring.sealerFor(input.tenantId, uow.dataKeys);
    const rows = await uow.lists.patients(list.id, { skip: input.skip, take: input.take });
    await uow.audit.record({ action: 'patient-list.read', resource: { type: 'patient-list', id: list.id }, phi: true });
    return {
      total: await uow.lists.countPatients(list.id),
      items: rows.map((p) => ({ id: p.id, row: p.rowNumber, ...unsealPatient(sealer, p) })),
    };
  });
}
