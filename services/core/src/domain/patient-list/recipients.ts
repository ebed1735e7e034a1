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
