import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a PatientLetterHub webhook the way the Standard Webhooks specification says
 * (https://www.standardwebhooks.com): the `webhook-signature` header holds one or more
 * space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<raw body>`,
 * keyed with the endpoint's secret (`whsec_<base64>`); one of them must match, and the timestamp must be
 * within five minutes of now (a replay of an old delivery is refused). During a secret rotation a
 * delivery carries two signatures, so the old and the new secret both verify it.
 *
 * Pass the body exactly as received (bytes or string), before any JSON parsing. Store `webhook-id` to
 * drop duplicates: a retried delivery keeps its id.
 */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export interface VerifyOptions {
  /** Seconds a timestamp may be off (default 300). */
  toleranceSec?: number;
  /** The current time (tests). */
  now?: Date;
}

type Headers = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function headerOf(headers: Headers, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value =
    record[name] ?? record[name.toLowerCase()] ?? Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

function secretBytes(secret: string): Buffer {
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 16) throw new WebhookVerificationError('The webhook secret is not a whsec_ secret.');
  return bytes;
}

/** Verifies the delivery and answers its parsed JSON body; throws WebhookVerificationError otherwise. */
export function verifyWebhook<T = unknown>(
  secret: string,
  headers: Headers,
  body: string | Buffer | Uint8Array,
  options: VerifyOptions = {},
): T {
  const id = headerOf(headers, 'webhook-id');
  const timestamp = headerOf(headers, 'webhook-timestamp');
  const signatures = headerOf(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature.');
  if (!/^[0-9]{1,12}$/.test(timestamp)) throw new WebhookVerificationError('The webhook-timestamp is not a Unix time.');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSec ?? 300;
  if (Math.abs(now - Number(timestamp)) > tolerance)
    throw new WebhookVerificationError('The webhook-timestamp is too old or in the future (a replay?).');
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const expected = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestamp}.`).update(raw).digest();
  const matches = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookVerificationError('No signature matches: a wrong secret, or a body that was changed.');
  return JSON.parse(raw.toString('utf8')) as T;
}
