import { request } from 'undici';
import { reasonOf } from '../email/email-provider';

export interface SmsResult {
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  providerMessageId: string | null;
  error: string | null;
  /** Twilio's error 21610: the number texted STOP to our sender. */
  optedOut: boolean;
  retryable: boolean;
}

export interface SmsSender {
  send(sms: { to: string; body: string; statusCallback: string }): Promise<SmsResult>;
}

/** Twilio's "unsubscribed recipient" error: the carrier will not deliver until the number texts START. */
const UNSUBSCRIBED = 21610;

/**
 * Twilio's Messages API in its wire format: a form-encoded POST to
 * `/2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP basic auth, answered with the message's
 * JSON (`sid`, `status`) or an error (`code`, `message`). `apiUrl` is a local recorder in tests.
 */
export function twilioClient(options: {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs: number;
}): SmsSender {
  const url = `${options.apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const sender: Record<string, string> = options.from.startsWith('MG')
    ? { MessagingServiceSid: options.from }
    : { From: options.from };
  return {
    async send({ to, body, statusCallback }) {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      try {
        const res = await request(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: to, Body: body, StatusCallback: statusCallback, ...sender }).toString(),
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        const answer = (await res.body.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
        if (res.statusCode >= 200 && res.statusCode < 300)
          return {
            succeeded: true,
            statusCode: res.statusCode,
            latencyMs: latency(),
            providerMessageId: answer.sid ?? null,
            error: null,
            optedOut: false,
            retryable: false,
          };
        return {
          succeeded: false,
          statusCode: res.statusCode,
          latencyMs: latency(),
          providerMessageId: null,
          error: `Twilio answered ${res.statusCode}${answer.code ? ` (error ${answer.code})` : ''}`,
          optedOut: answer.code === UNSUBSCRIBED,
          retryable: res.statusCode >= 500 || res.statusCode === 429,
        };
      } catch (err) {
        return {
          succeeded: false,
          statusCode: null,
          latencyMs: latency(),
          providerMessageId: null,
          error: reasonOf(err),
          optedOut: false,
          retryable: true,
        };
      }
    },
  };
}
