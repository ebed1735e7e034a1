import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { reasonOf, type EmailProvider, type OutgoingEmail, type ProviderTry } from './email-provider';

/**
 * SendGrid's v3 mail/send through its own client library. `apiUrl` is its request host (a local
 * recorder of the real request bodies in tests). Our message id and practice travel as custom_args,
 * so the Event Webhook's delivered / bounce / dropped events name the message they are about.
 */
export function sendgridProvider(options: {
  apiKey: string;
  apiUrl: string;
  from: string;
  timeoutMs: number;
}): EmailProvider {
  const client = new Client();
  client.setApiKey(options.apiKey);
  client.setDefaultRequest('baseUrl', options.apiUrl.replace(/\/$/, ''));
  client.setDefaultRequest('timeout' as 'baseUrl', options.timeoutMs as unknown as string);
  const mail = new MailService();
  mail.setClient(client);
  return {
    name: 'sendgrid',
    async send(email: OutgoingEmail): Promise<ProviderTry> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const [response] = await mail.send({
          to: email.to,
          from: options.from,
          subject: email.subject,
          text: email.text,
          html: email.html,
          customArgs: { plh_message_id: email.messageId, plh_tenant_id: email.tenantId },
          // No click or open tracking: links carry one-time tokens that must not be rewritten or logged.
          trackingSettings: { clickTracking: { enable: false, enableText: false }, openTracking: { enable: false } },
        });
        const id = response.headers['x-message-id'];
        return {
          provider: 'sendgrid',
          succeeded: true,
          statusCode: response.statusCode,
          latencyMs: latency(),
          providerMessageId: typeof id === 'string' ? id : null,
          error: null,
          retryable: false,
        };
      } catch (err) {
        const status = (err as { code?: unknown }).code;
        const statusCode = typeof status === 'number' ? status : null;
        return {
          provider: 'sendgrid',
          succeeded: false,
          statusCode,
          latencyMs: latency(),
          providerMessageId: null,
          error: statusCode ? `SendGrid answered ${statusCode}` : reasonOf(err),
          // A 4xx other than 429 is our request refused (a bad address): sending it again changes nothing.
          retryable: statusCode === null || statusCode >= 500 || statusCode === 429,
        };
      }
    },
    close: async () => undefined,
  };
}
