import { Type, type TSchema } from '@sinclair/typebox';
import { ValidationFailed } from './problem';

/**
 * Cursor pagination for every list endpoint: `?limit=&cursor=` in, `{ items, next }` out, where `next`
 * is an opaque cursor (null on the last page). Cursors are keyset positions (the last item's sort key),
 * so pages stay stable while rows are added; they are opaque so the key can change without a new API.
 */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Items per page' }),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` of the previous page' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    next: Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page; null on the last' }),
  });

/** An opaque cursor for a keyset position (`kind` keeps one list's cursor out of another list). */
export function encodeCursor(kind: string, position: ReadonlyArray<string | number | bigint>): string {
  return Buffer.from(JSON.stringify([kind, ...position.map(String)])).toString('base64url');
}

/** The position in a cursor of `kind`; a cursor that is not one is a 400 naming the parameter. */
export function decodeCursor(kind: string, cursor: string): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(parsed) && parsed[0] === kind && parsed.every((p) => typeof p === 'string'))
      return parsed.slice(1) as string[];
  } catch {
    // fall through to the problem below
  }
  throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
}

/** Cuts `rows` (fetched with `limit + 1`) into a page, its `next` made from the last item. */
export function pageOf<R, I>(
  rows: R[],
  limit: number,
  toItem: (row: R) => I,
  cursorOf: (row: R) => string,
): { items: I[]; next: string | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(toItem), next: rows.length > limit ? cursorOf(page[page.length - 1]!) : null };
}

/** The keyset of lists ordered newest first by (created at, id). */
export interface TimeKey {
  createdAt: Date;
  id: string;
}

export const encodeTimeCursor = (kind: string, row: TimeKey) =>
  encodeCursor(kind, [row.createdAt.toISOString(), row.id]);

/** The (created at, id) of a newest-first list's cursor; one that is not is a 400 naming the parameter. */
export function decodeTimeCursor(kind: string, cursor: string): TimeKey {
  const [at, id] = decodeCursor(kind, cursor);
  const createdAt = new Date(at ?? '');
  if (Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id))
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  return { createdAt, id };
}

/**
 * The Prisma `where` part for rows after `key` in (created at, id) order: newest first (`desc`, the
 * default) or oldest first (`asc`, a timeline). Ties on the timestamp are broken by id, so no row is
 * skipped or repeated between pages.
 */
export function afterTimeKey(key: TimeKey | undefined, order: 'asc' | 'desc' = 'desc') {
  if (!key) return {};
  return order === 'desc'
    ? { OR: [{ createdAt: { lt: key.createdAt } }, { createdAt: key.createdAt, id: { lt: key.id } }] }
    : { OR: [{ createdAt: { gt: key.createdAt } }, { createdAt: key.createdAt, id: { gt: key.id } }] };
}

/** The Prisma `orderBy` that goes with afterTimeKey. */
export const byTime = (order: 'asc' | 'desc' = 'desc') => [{ createdAt: order }, { id: order }];

/** A page of rows in (created at, id) order, fetched with `limit + 1`; `next` points after its last row. */
export function pageByTime<R extends TimeKey>(
  kind: string,
  rows: R[],
  limit: number,
): { items: R[]; next: string | null } {
  return pageOf(
    rows,
    limit,
    (r) => r,
    (r) => encodeTimeCursor(kind, r),
  );
}

/** A list ordered by one integer (an invoice number, a row number): its cursor is that integer. */
export const encodeNumberCursor = (kind: string, value: number) => encodeCursor(kind, [value]);

/** The integer in a cursor of `kind`; one that is not is a 400 naming the parameter. */
export function decodeNumberCursor(kind: string, cursor: string): number {
  const [value] = decodeCursor(kind, cursor);
  // Positions are 32-bit integers in the database: anything larger is not one this list gave out.
  if (!value || !/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647)
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  return Number(value);
}
