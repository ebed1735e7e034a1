import { Type, type Static } from '@sinclair/typebox';

/**
 * Core's internal mailing API, read by the proof engine (service token with `mailing:read`): the
 * one schema both sides compile against, and core's route validates its answers with.
 */
const StoredFile = Type.Union([Type.Object({ storageKey: Type.String(), contentType: Type.String() }), Type.Null()]);

/** What the proof engine needs to lay out an order's letters (no PHI: recipients come separately). */
export const MailingSchema = Type.Object({
  orderId: Type.String(),
  orderNumber: Type.Integer(),
  projectId: Type.String(),
  letterType: Type.String(),
  listId: Type.String(),
  recipients: Type.Integer(),
  duplex: Type.Boolean(),
  color: Type.Boolean(),
  /** Latest revision of the project's letterhead, logo and signature images, if any. */
  letterhead: StoredFile,
  logo: StoredFile,
  signature: StoredFile,
});
export type Mailing = Static<typeof MailingSchema>;

export const MailingRecipientSchema = Type.Object({
  /** The row of the uploaded list (what the practice sees in its spreadsheet). */
  row: Type.Integer(),
  /** Name, then address lines in USPS style. */
  lines: Type.Array(Type.String()),
});
export type MailingRecipient = Static<typeof MailingRecipientSchema>;

export const MailingRecipientsSchema = Type.Object({ items: Type.Array(MailingRecipientSchema) });
export type MailingRecipients = Static<typeof MailingRecipientsSchema>;

/** A project as the proof engine checks it before storing its letter setup (ids and type only). */
export const ProjectRefSchema = Type.Object({ projectId: Type.String(), letterType: Type.String() });
export type ProjectRef = Static<typeof ProjectRefSchema>;

/** The scope a service token needs for it. */
export const MAILING_READ_SCOPE = 'mailing:read';
