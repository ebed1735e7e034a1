import { webhookSigner } from '@plh/service-kit';
import type { AttemptRecord, MessageRecord } from '../../data/message.repository';
import type { WebhookEndpointRecord } from '../../data/webhook-endpoint.repository';
import type { NotificationDeps } from '../deps';
import { render } from '../messages/templates';
import { isTopic } from '../topics';

/** What one delivery attempt of a message came to (each provider tried is one attempt record). */
export interface SendOutcome {
  tries: AttemptRecord[];
  succeeded: boolean;
  /** The recipient opted out (Twilio 21610): not a failure to retry. */
  suppressed: boolean;
  /** Not worth another attempt (no provider configured, the endpoint deleted). */
  permanent: boolean;
  provider: string | null;
  providerMessageId: string | null;
  error: string | null;
}

/** The outcome of a channel that tries one provider once (SMS, a webhook, a refusal before any try). */
function oneTry(attempt: AttemptRecord, flags: { suppressed?: boolean; permanent?: boolean } = {}): SendOutcome {
  return {
    tries: [attempt],
    succeeded: attempt.succeeded,
    suppressed: flags.suppressed ?? false,
    permanent: flags.permanent ?? false,
    provider: attempt.provider,
    providerMessageId: attempt.providerMessageId,
    error: attempt.error,
  };
}

const failed = (provider: string, error: string, permanent: boolean): SendOutcome =>
  oneTry(
    {
      provider,
      succeeded: false,
      statusCode: null,
      latencyMs: 0,
      providerMessageId: null,
      error,
      responseExcerpt: null,
    },
    { permanent },
  );

/** The Standard Webhooks headers of one attempt: signed with the secret, and with the previous one during a rotation. */
export function signWebhook(
  endpoint: Pick<WebhookEndpointRecord, 'secret' | 'previousSecret' | 'previousSecretUntil'>,
  id: string,
  body: string,
  at: Date,
) {
  const headers = webhookSigner(endpoint.secret).sign(body, { id, at });
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > at)
    headers['webhook-signature'] +=
      ` ${webhookSigner(endpoint.previousSecret).sign(body, { id, at })['webhook-signature']}`;
  return headers;
}

/** The Standard Webhooks id of a message: the same on every attempt and every replay of it. */
export const webhookIdOf = (messageId: string) => `msg_${messageId.replaceAll('-', '')}`;

export async function sendByChannel(
  deps: Pick<NotificationDeps, 'email' | 'sms' | 'webhooks' | 'settings' | 'systemWork'>,
  message: MessageRecord,
  endpoint: WebhookEndpointRecord | null,
): Promise<SendOutcome> {
  if (!isTopic(message.topic)) return failed('none', `unknown topic ${message.topic}`, true);
  const values = {
    ...(message.content as Record<string, unknown>),
    ...((message.secretValues as Record<string, string> | null) ?? {}),
  };
  switch (message.channel) {
    case 'email': {
      if (!deps.email) return failed('none', 'No email provider is configured (SENDGRID_API_KEY or SMTP_URL).', true);
      const rendered = render(message.topic, values, deps.settings.appUrl);
      const tries = await deps.email.send({
        to: message.toAddress!,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: message.id,
        tenantId: message.tenantId,
      });
      const last = tries.at(-1)!;
      return {
        tries: tries.map(({ retryable: _r, ...t }) => ({ ...t, responseExcerpt: null })),
        succeeded: last.succeeded,
        suppressed: false,
        // Every provider refused it for good (a malformed address, a bad key): retrying changes nothing.
        permanent: tries.every((t) => !t.retryable),
        provider: last.provider,
        providerMessageId: last.providerMessageId,
        error: last.error,
      };
    }
    case 'sms': {
      if (!deps.sms)
        return failed('none', 'SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM).', true);
      const to = message.toAddress!;
      if (await deps.systemWork(({ platform }) => platform.isOptedOut(to)))
        return { ...failed('twilio', 'The number texted STOP.', true), tries: [], suppressed: true };
      const rendered = render(message.topic, values, deps.settings.appUrl);
      const query = new URLSearchParams({ m: message.id, t: message.tenantId });
      const result = await deps.sms.send({
        to,
        body: rendered.sms,
        statusCallback: `${deps.settings.callbackBaseUrl.replace(/\/$/, '')}/api/notifications/callbacks/twilio/status?${query.toString()}`,
      });
      const { optedOut, retryable, ...attempt } = result;
      return oneTry(
        { provider: 'twilio', ...attempt, responseExcerpt: null },
        { suppressed: optedOut, permanent: !retryable },
      );
    }
    case 'webhook': {
      if (!endpoint) return failed('webhook', 'The endpoint was deleted.', true);
      if (endpoint.disabledAt) return failed('webhook', 'The endpoint is disabled.', true);
      const body = JSON.stringify(message.content);
      const headers = signWebhook(endpoint, webhookIdOf(message.id), body, new Date());
      const result = await deps.webhooks.post(endpoint.url, body, headers);
      return oneTry({ provider: 'webhook', ...result, providerMessageId: null });
    }
    default:
      return failed('none', `unknown channel ${message.channel}`, true);
  }
}
