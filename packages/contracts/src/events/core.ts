import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Status = Type.String({ minLength: 1, maxLength: 32 });
const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });

/** A patient list passed validation and was accepted for mailing (counts only, never rows). */
export const PatientListAccepted = defineEvent(
  'plh.core.patient-list.accepted',
  obj({ listId: Id, projectId: Id, validRows: Type.Integer({ minimum: 0 }) }),
  'A practice accepted a validated patient list',
);

/** A quote was issued (frozen lines and totals live in core; the event carries ids and the total). */
export const QuoteIssued = defineEvent(
  'plh.core.quote.issued',
  obj({ quoteId: Id, projectId: Id, totalCents: Type.Integer({ minimum: 0 }) }),
  'A quote was issued for a project',
);

/** An order was placed: the proof engine starts the proof for it. */
export const OrderPlaced = defineEvent(
  'plh.core.order.placed',
  obj({ orderId: Id, projectId: Id, quoteId: Id, listId: Id, recipients: Type.Integer({ minimum: 0 }) }),
  'An order was placed from an accepted quote',
);

/** Any change of an order's status, with who caused it (for timelines, notifications, SLAs). */
export const OrderStatusChanged = defineEvent(
  'plh.core.order.status-changed',
  obj({
    orderId: Id,
    from: Type.Union([Status, Type.Null()]),
    to: Status,
    actorKind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('service')]),
  }),
  "An order's status changed",
);

/** An approver approved a proof; production may start. */
export const OrderApproved = defineEvent(
  'plh.core.order.approved',
  obj({ orderId: Id, proofId: Id, proofSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
  'A proof was approved for production',
);

/** An order was cancelled (by the practice inside its window, or by ops). */
export const OrderCancelled = defineEvent(
  'plh.core.order.cancelled',
  obj({ orderId: Id, byOps: Type.Boolean() }),
  'An order was cancelled',
);

/** An order was mailed and invoiced. */
export const InvoiceIssued = defineEvent(
  'plh.core.invoice.issued',
  obj({ invoiceId: Id, orderId: Id, number: Type.Integer({ minimum: 1 }), totalCents: Type.Integer() }),
  'An invoice was issued for a mailed order',
);

export const CORE_EVENTS = [
  InvoiceIssued,
  PatientListAccepted,
  QuoteIssued,
  OrderPlaced,
  OrderStatusChanged,
  OrderApproved,
  OrderCancelled,
];
