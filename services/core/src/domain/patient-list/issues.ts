import { Readable } from 'node:stream';
import { decodeCursor, encodeCursor, pageOf, ValidationFailed } from '@plh/service-kit';
import type { ListIssue, PatientListRecord } from '../../data/patient-list.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { CoreDeps } from '../deps';
import { ListNotFound } from '../problems';

/** How many errors and warnings a list's summary shows; the rest are paged or downloaded. */
export const ISSUE_PREVIEW = 100;

export interface ListWithIssues {
  list: PatientListRecord;
  rowErrors: ListIssue[];
  rowWarnings: ListIssue[];
}

/** A list with its first errors and warnings, for the summary a practice reviews. */
export async function withIssuePreview(uow: UnitOfWork, list: PatientListRecord): Promise<ListWithIssues> {
  const [rowErrors, rowWarnings] = await Promise.all(
    (['error', 'warning'] as const).map((severity) => uow.lists.issues(list.id, { severity, take: ISSUE_PREVIEW })),
  );
  const plain = (issues: Array<ListIssue & { id: bigint }>) => issues.map(({ id: _id, ...issue }) => issue);
  return { list, rowErrors: plain(rowErrors!), rowWarnings: plain(rowWarnings!) };
}

export async function findListWithIssues(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string },
): Promise<ListWithIssues> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    return withIssuePreview(uow, list);
  });
}

/** A page of a list's issues in file order; `next` is the cursor of the following page. */
export async function listIssues(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string; severity?: ListIssue['severity']; cursor?: string; limit: number },
): Promise<{ items: ListIssue[]; next: string | null }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    if (!(await uow.lists.findById(input.listId))) throw new ListNotFound();
    const rows = await uow.lists.issues(input.listId, {
      severity: input.severity,
      afterId: input.cursor ? issueIdOf(input.cursor) : undefined,
      take: input.limit + 1,
    });
    return pageOf(
      rows,
      input.limit,
      ({ id: _id, ...issue }) => issue,
      (row) => encodeCursor('list-issue', [row.id]),
    );
  });
}

/**
 * Every issue of a list as CSV (line, severity, field, code, reason), read page by page so a
 * 100,000-row list streams in constant memory. Fails with ListNotFound before the first byte.
 */
export async function issuesCsv(
  deps: Pick<CoreDeps, 'unitOfWork'>,
  input: { tenantId: string; listId: string; severity?: ListIssue['severity'] },
): Promise<Readable> {
  await deps.unitOfWork(input.tenantId, async (uow) => {
    if (!(await uow.lists.findById(input.listId))) throw new ListNotFound();
  });
  async function* lines() {
    yield 'line,severity,field,code,reason\r\n';
    let cursor: string | undefined;
    do {
      const page = await listIssues(deps, { ...input, cursor, limit: 5_000 });
      yield page.items
        .map((i) => [i.line, i.severity, i.field ?? '', i.code, i.reason].map(csvCell).join(',') + '\r\n')
        .join('');
      cursor = page.next ?? undefined;
    } while (cursor);
  }
  return Readable.from(lines());
}

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with `'` (OWASP). */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function issueIdOf(cursor: string): bigint {
  const [id] = decodeCursor('list-issue', cursor);
  if (!id || !/^\d{1,19}$/.test(id))
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  return BigInt(id);
}
