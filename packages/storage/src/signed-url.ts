import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed download links for the local driver, where no S3 presigner exists: the service that serves
 * `/files/<key>` checks `expires` and an HMAC-SHA256 over key, expiry and file name with a secret only
 * it knows. Same properties as an S3 presigned GET: unguessable, short-lived, bound to one object.
 */
export function signLocalUrl(input: {
  baseUrl: string;
  key: string;
  secret: Buffer;
  expiresAt: number;
  filename?: string;
}): string {
  const url = new URL(`${input.baseUrl.replace(/\/$/, '')}/${input.key.split('/').map(encodeURIComponent).join('/')}`);
  url.searchParams.set('expires', String(Math.floor(input.expiresAt / 1000)));
  if (input.filename) url.searchParams.set('filename', input.filename);
  url.searchParams.set('signature', mac(input.secret, input.key, url.searchParams.get('expires')!, input.filename));
  return url.toString();
}

export type SignedUrlCheck =
  { ok: true; key: string; filename?: string } | { ok: false; reason: 'expired' | 'invalid' };

/** Checks a signed link's query against the key it names. */
export function verifyLocalUrl(input: {
  key: string;
  expires: string | undefined;
  signature: string | undefined;
  filename?: string;
  secret: Buffer;
  now?: number;
}): SignedUrlCheck {
  if (!input.expires || !input.signature || !/^\d{1,12}$/.test(input.expires)) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(input.secret, input.key, input.expires, input.filename));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  if (Number(input.expires) * 1000 < (input.now ?? Date.now())) return { ok: false, reason: 'expired' };
  return { ok: true, key: input.key, ...(input.filename ? { filename: input.filename } : {}) };
}

function mac(secret: Buffer, key: string, expires: string, filename = ''): string {
  return createHmac('sha256', secret).update(`${key}\n${expires}\n${filename}`).digest('base64url');
}

/**
 * `Content-Disposition` of a download that keeps its file name (RFC 6266): an ASCII fallback for old
 * clients and the exact UTF-8 name in `filename*`, so "Liste Müller.csv" downloads as itself.
 */
export function attachmentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A client's file name made safe to keep and hand back: no folders, no control characters, at most 200. */
export function safeFilename(name: string | null | undefined): string | null {
  if (!name) return null;
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return base ? base.slice(-200) : null;
}
