import type { CoreDeps } from './deps';
import { OrderNotFound } from './problems';

/** What the proof engine needs to lay out an order's letters (no PHI: recipients come separately). */
export interface Mailing {
  orderId: string;
  orderNumber: number;
  projectId: string;
  letterType: string;
  listId: string;
  recipients: number;
  duplex: boolean;
  color: boolean;
  /** Latest revision of the project's letterhead, logo and signature images, if any. */
  letterhead: { storageKey: string; contentType: string } | null;
  logo: { storageKey: string; contentType: string } | null;
  signature: { storageKey: string; contentType: string } | null;
}

export interface MailingRecipient {
  /** The row of the uploaded list (what the practice sees in its spreadsheet). */
  row: number;
  /** Name, then address lines in USPS style. */
  lines: string[];
}

export async function mailingOf(deps: Pick<CoreDeps, 'unitOfWork'>, tenantId: string, orderId: string) {
  return deps.unitOfWork(tenantId, async (uow): Promise<Mailing> => {
    const order = await uow.orders.findById(orderId);
    if (!order) throw new OrderNotFound();
    const [quote, project, files] = await Promise.all([
      uow.quotes.findById(order.quoteId),
      uow.projects.findById(order.projectId),
      uow.files.revisions(order.projectId),
    ]);
    if (!quote || !project) throw new OrderNotFound();
    const latest = (kind: 'letterhead' | 'logo' | 'signature') => {
      const r = files.find((f) => f.kind === kind)?.revisions[0];
      return r ? { storageKey: r.storageKey, contentType: r.contentType } : null;
    };
    return {
      orderId: order.id,
      orderNumber: order.number,
      projectId: order.projectId,
      letterType: project.letterType,
      listId: quote.listId,
      recipients: quote.recipients,
      duplex: quote.options.duplex,
      color: quote.options.color,
      letterhead: latest('letterhead'),
      logo: latest('logo'),
      signature: latest('signature'),
    };
  });
}

/**
 * Decrypted recipients of an order, for the proof engine only: either the rows after `afterRow`
 * (the production file, page by page) or a proof sample — the first `first` rows plus the rows that
 * stress the layout most (longest name, longest line, most lines), chosen from plaintext length hints.
 */
export async function mailingRecipients(
  deps: Pick<CoreDeps, 'unitOfWork' | 'keyring'>,
  input: { tenantId: string; orderId: string } & ({ afterRow: number; take: number } | { sample: number }),
): Promise<MailingRecipient[]> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const order = await uow.orders.findById(input.orderId);
    const quote = order && (await uow.quotes.findById(order.quoteId));
    if (!quote) throw new OrderNotFound();
    const sealer = await deps.keyring.sealerFor(input.tenantId, uow.dataKeys);
    let rows;
    if ('sample' in input) {
      const first = await uow.lists.patientsAfter(quote.listId, 0, input.sample);
      const have = new Set(first.map((r) => r.rowNumber));
      const stress = (await uow.lists.stressRows(quote.listId)).filter((r) => !have.has(r));
      rows = [...first, ...(stress.length ? await uow.lists.patientsByRow(quote.listId, stress) : [])];
    } else {
      rows = await uow.lists.patientsAfter(quote.listId, input.afterRow, input.take);
    }
    return rows.map((p) => {
      const address = JSON.parse(sealer.decrypt(p.id, 'address', Buffer.from(p.addressCipher))) as {
        address1: string;
        address2: string | null;
        city: string;
        state: string;
        zip: string;
      };
      return {
        row: p.rowNumber,
        lines: [
          sealer.decrypt(p.id, 'name', Buffer.from(p.nameCipher)),
          address.address1,
          ...(address.address2 ? [address.address2] : []),
          `${address.city} ${address.state} ${address.zip}`,
        ],
      };
    });
  });
}
