import { Unauthorized } from '@plh/service-kit';
import type { NotificationDeps } from '../deps';
import { keywordOf } from '../sms/keywords';
import { isValidTwilioSignature } from '../sms/twilio-signature';
import { isUuid } from './ids';

type Deps = Pick<NotificationDeps, 'unitOfWork' | 'systemWork' | 'settings'>;

/** The URL Twilio requested, as it signed it: the public base URL, the path and the query. */
const publicUrl = (deps: Deps, pathAndQuery: string) =>
  `${deps.settings.callbackBaseUrl.replace(/\/$/, '')}${pathAndQuery}`;

function verify(deps: Deps, signature: string | undefined, pathAndQuery: string, params: Record<string, string>) {
  if (!isValidTwilioSignature(deps.settings.twilioAuthToken, signature, publicUrl(deps, pathAndQuery), params))
    throw new Unauthorized('The Twilio signature does not match.');
}

/**
 * A status callback of one SMS (the URL we gave names the message and practice, and is covered by the
 * signature): delivered settles it; undelivered and failed fail it with Twilio's error code.
 */
export async function receiveTwilioStatus(
  deps: Deps,
  signature: string | undefined,
  pathAndQuery: string,
  query: { m?: string; t?: string },
  params: Record<string, string>,
): Promise<void> {
  verify(deps, signature, pathAndQuery, params);
  const status = params.MessageStatus;
  const settled =
    status === 'delivered' ? 'delivered' : status === 'undelivered' || status === 'failed' ? 'failed' : null;
  if (!settled || !query.m || !query.t || !isUuid(query.m) || !isUuid(query.t)) return;
  const reason =
    settled === 'failed' ? `Twilio ${status}${params.ErrorCode ? ` (error ${params.ErrorCode})` : ''}` : null;
  await deps.unitOfWork(query.t, ({ messages }) => messages.settle(query.m!, settled, new Date(), reason));
  if (params.ErrorCode === '21610' && params.To) await optOut(deps, params.To);
}

async function optOut(deps: Deps, phone: string) {
  await deps.systemWork(async ({ platform, audit }) => {
    await platform.optOut(phone, new Date());
    await audit.record({ tenantId: null, action: 'sms.opt-out', resource: { type: 'phone-number', id: null } });
  });
}

/**
 * A text someone sent to our number: STOP (and its synonyms) opts the number out of every SMS until it
 * texts START; Twilio answers the sender itself for these keywords. Other texts are ignored.
 */
export async function receiveTwilioInbound(
  deps: Deps,
  signature: string | undefined,
  pathAndQuery: string,
  params: Record<string, string>,
): Promise<'opt-out' | 'opt-in' | null> {
  verify(deps, signature, pathAndQuery, params);
  const from = params.From;
  const keyword = keywordOf(params.Body ?? '');
  if (!from || !keyword) return null;
  if (keyword === 'opt-out') await optOut(deps, from);
  else
    await deps.systemWork(async ({ platform, audit }) => {
      await platform.optIn(from);
      await audit.record({ tenantId: null, action: 'sms.opt-in', resource: { type: 'phone-number', id: null } });
    });
  return keyword;
}
