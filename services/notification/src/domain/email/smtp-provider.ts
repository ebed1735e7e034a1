import nodemailer from 'nodemailer';
import { reasonOf, type EmailProvider, type OutgoingEmail, type ProviderTry } from './email-provider';

/** Any SMTP server (`smtp://user:pass@host:587`, `smtps://…`) through nodemailer, pooled. */
export function smtpProvider(options: { url: string; from: string; timeoutMs: number }): EmailProvider {
  const url = new URL(options.url);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    pool: true,
    maxConnections: 4,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  return {
    name: 'smtp',
    async send(email: OutgoingEmail): Promise<ProviderTry> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          headers: { 'X-PLH-Message-Id': email.messageId },
        });
        const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
        return {
          provider: 'smtp',
          succeeded: true,
          statusCode: code,
          latencyMs: latency(),
          providerMessageId: info.messageId ?? null,
          error: null,
          retryable: false,
        };
      } catch (err) {
        const code = (err as { responseCode?: unknown }).responseCode;
        const statusCode = typeof code === 'number' ? code : null;
        return {
          provider: 'smtp',
          succeeded: false,
          statusCode,
          latencyMs: latency(),
          providerMessageId: null,
          error: reasonOf(err),
          // 5xx SMTP replies are permanent (a mailbox that does not exist); 4xx and no reply are transient.
          retryable: statusCode === null || statusCode < 500,
        };
      }
    },
    close: async () => transport.close(),
  };
}
