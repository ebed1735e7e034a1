import { Webhook } from 'standardwebhooks';
import { verifyWebhook, WebhookVerificationError } from './index';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const body = JSON.stringify({ type: 'order.approved', timestamp: '2026-12-01T10:00:00.000Z', data: { orderId: 'o1' } });

/** Signed by the reference library of the specification (what the notification service uses). */
function signed(at: Date, id = 'msg_1', withSecret = secret) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(withSecret).sign(id, at, body),
  };
}

describe('verifyWebhook', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('accepts a delivery the Standard Webhooks reference library signed, and answers its body', () => {
    expect(verifyWebhook(secret, signed(now), body, { now })).toEqual(JSON.parse(body));
    expect(verifyWebhook(secret, signed(now), Buffer.from(body), { now })).toEqual(JSON.parse(body));
    // Header lookups: a fetch Headers object too.
    expect(verifyWebhook(secret, new Headers(signed(now)), body, { now })).toEqual(JSON.parse(body));
  });

  it('accepts either of two signatures (a rotation) and nothing signed with another secret', () => {
    const headers = signed(now);
    const both = {
      ...headers,
      'webhook-signature': `${signed(now, 'msg_1', other)['webhook-signature']} ${headers['webhook-signature']}`,
    };
    expect(() => verifyWebhook(secret, both, body, { now })).not.toThrow();
    expect(() => verifyWebhook(other, both, body, { now })).not.toThrow();
    expect(() => verifyWebhook(other, headers, body, { now })).toThrow(WebhookVerificationError);
  });

  it('refuses a changed body, another id, and timestamps more than five minutes off', () => {
    expect(() => verifyWebhook(secret, signed(now), body.replace('o1', 'o2'), { now })).toThrow(/No signature matches/);
    expect(() => verifyWebhook(secret, { ...signed(now), 'webhook-id': 'msg_2' }, body, { now })).toThrow(
      WebhookVerificationError,
    );
    const old = signed(new Date(now.getTime() - 301_000));
    expect(() => verifyWebhook(secret, old, body, { now })).toThrow(/too old/);
    expect(() => verifyWebhook(secret, signed(new Date(now.getTime() + 301_000)), body, { now })).toThrow(/too old/);
    expect(() => verifyWebhook(secret, signed(new Date(now.getTime() - 299_000)), body, { now })).not.toThrow();
    expect(() => verifyWebhook(secret, { 'webhook-id': 'x' }, body, { now })).toThrow(/Missing/);
  });
});
