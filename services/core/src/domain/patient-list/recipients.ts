import { decodeNumberCursor, encodeNumberCursor, pageOf } from '@plh/service-kit';
import type { CoreDeps } from '../deps';
import type { PhiSealer } from '../phi-cipher';
import { ListNotFound } from '../problems';
import type { Recipient } from './validate-row';

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

/**
 * Decrypted recipients of a list in row order, a page at a time (for the practice's review), with the
 * list's total. Every page read is a PHI read, audited.
 */
export async function listRecipients(
  deps: Pick<CoreDeps, 'unitOfWork' | 'keyring'>,
  input: { tenantId: string; listId: string; cursor?: string; limit: number },
): Promise<{ total: number; items: Array<Recipient & { id: string; row: number }>; next: string | null }> {
  return deps.unitOfWork(input.tenantId, async (uow) => {
    const list = await uow.lists.findById(input.listId);
    if (!list) throw new ListNotFound();
    const afterRow = input.cursor ? decodeNumberCursor('recipient', input.cursor) : 0;
    const sealer = await deps.keyring.sealerFor(input.tenantId, uow.dataKeys);
    const rows = await uow.lists.patientsAfter(list.id, afterRow, input.limit + 1);
    await uow.audit.record({ action: 'patient-list.read', resource: { type: 'patient-list', id: list.id }, phi: true });
    return {
      total: await uow.lists.countPatients(list.id),
      ...pageOf(
        rows,
        input.limit,
        (p) => ({ id: p.id, row: p.rowNumber, ...unsealPatient(sealer, p) }),
        (p) => encodeNumberCursor('recipient', p.rowNumber),
      ),
    };
  });
}
