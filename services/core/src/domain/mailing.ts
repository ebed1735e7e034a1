import type { Mailing, MailingRecipient } from '@plh/contracts';
import type { CoreDeps } from './deps';
import { unsealPatient } from './patient-list/recipients';
import { addressLinesOf } from './patient-list/validate-row';
import { OrderNotFound } from './problems';

/** An order's layout facts for the proof engine: no PHI (recipients come from mailingRecipients). */
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
    // Recipients leave core for the proof engine: a disclosure of PHI, accounted for like any other read.
    await uow.audit.record({
      action: 'order.read-recipients',
      resource: { type: 'order', id: input.orderId },
      phi: true,
    });
    return rows.map((p) => {
      const recipient = unsealPatient(sealer, p);
      return { row: p.rowNumber, lines: [recipient.name, ...addressLinesOf(recipient)] };
    });
  });
}
