import { EventWebhook } from '@sendgrid/eventwebhook';
import { Unauthorized, ValidationFailed } from '@plh/service-kit';
import type { NotificationDeps } from '../deps';
import { isUuid } from './ids';

/** How old a signed SendGrid callback may be (its timestamp is signed with the body): replays are refused. */
const TOLERANCE_SEC = 5 * 60;

interface SendgridEvent {
  event?: unknown;
  plh_message_id?: unknown;
  plh_tenant_id?: unknown;
  timestamp?: unknown;
  reason?: unknown;
  type?: unknown;
}

const verifier = new EventWebhook();

/**
 * SendGrid's Event Webhook: a signed JSON array of events. The signature (ECDSA P-256 over the
 * timestamp header followed by the raw body, base64 DER) is checked with the public key SendGrid shows
 * for the account; anything unsigned, forged or older than five minutes is refused before it is read.
 * `delivered` settles a message as delivered; `bounce` and `dropped` as failed with SendGrid's reason.
 */
export async function receiveSendgridEvents(
  deps: Pick<NotificationDeps, 'unitOfWork' | 'settings'>,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: Buffer,
): Promise<{ applied: number }> {
  const key = deps.settings.sendgridWebhookPublicKey;
  if (!key || !headers.signature || !headers.timestamp) throw new Unauthorized('The SendGrid signature is missing.');
  const age = Math.abs(Date.now() / 1000 - Number(headers.timestamp));
  let valid = false;
  try {
    valid =
      Number.isFinite(age) &&
      age <= TOLERANCE_SEC &&
      verifier.verifySignature(
        verifier.convertPublicKeyToECDSA(key),
        rawBody.toString('utf8'),
        headers.signature,
        headers.timestamp,
      );
  } catch {
    valid = false;
  }
  if (!valid) throw new Unauthorized('The SendGrid signature does not match.');
  let events: SendgridEvent[];
  try {
    const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
    if (!Array.isArray(parsed)) throw new Error('not an array');
    events = parsed as SendgridEvent[];
  } catch {
    throw new ValidationFailed([{ pointer: '/body', message: 'is not a JSON array of events' }]);
  }
  let applied = 0;
  for (const e of events) {
    const status =
      e.event === 'delivered' ? 'delivered' : e.event === 'bounce' || e.event === 'dropped' ? 'failed' : null;
    if (!status || typeof e.plh_message_id !== 'string' || typeof e.plh_tenant_id !== 'string') continue;
    if (!isUuid(e.plh_message_id) || !isUuid(e.plh_tenant_id)) continue;
    const at = typeof e.timestamp === 'number' ? new Date(e.timestamp * 1000) : new Date();
    const reason =
      status === 'failed' ? `SendGrid ${String(e.event)}${typeof e.type === 'string' ? ` (${e.type})` : ''}` : null;
    const settled = await deps.unitOfWork(e.plh_tenant_id, ({ messages }) =>
      messages.settle(e.plh_message_id as string, status, at, reason),
    );
    if (settled) applied++;
  }
  return { applied };
}
