import { generateWebhookSecret, InvalidWebhookSignature, isWebhookSecret, webhookSigner } from './webhooks';

const body = Buffer.from(JSON.stringify({ events: [{ id: 'evt-1', status: 'delivered' }] }));

describe('Standard Webhooks signing', () => {
  it('matches the published test vector of the specification', () => {
    // From the Standard Webhooks / Svix documentation: any conforming sender produces this signature.
    const signer = webhookSigner('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const headers = signer.sign('{"test": 2432232314}', {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      at: new Date(1614265330 * 1000),
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verifies what it signed, and nothing else', () => {
    const secret = generateWebhookSecret();
    const signer = webhookSigner(secret);
    const headers = signer.sign(body);
    expect(() => signer.verify(headers, body)).not.toThrow();

    const tampered = Buffer.from(body.toString().replace('delivered', 'returned'));
    expect(() => signer.verify(headers, tampered)).toThrow(
      new InvalidWebhookSignature('The signature does not match.'),
    );
    expect(() => webhookSigner(generateWebhookSecret()).verify(headers, body)).toThrow(InvalidWebhookSignature);
    expect(() => signer.verify({ ...headers, 'webhook-id': 'msg_other' }, body)).toThrow(InvalidWebhookSignature);
  });

  it('refuses replays and missing headers', () => {
    const signer = webhookSigner(generateWebhookSecret());
    const old = signer.sign(body, { at: new Date(Date.now() - 10 * 60_000) });
    expect(() => signer.verify(old, body)).toThrow(/too old or in the future/);
    const future = signer.sign(body, { at: new Date(Date.now() + 10 * 60_000) });
    expect(() => signer.verify(future, body)).toThrow(/too old or in the future/);
    const { 'webhook-id': _, ...noId } = signer.sign(body);
    expect(() => signer.verify(noId, body)).toThrow(/Missing or malformed webhook-id/);
  });

  it('accepts either signature during a secret rotation', () => {
    const before = webhookSigner(generateWebhookSecret());
    const after = webhookSigner(generateWebhookSecret());
    const at = new Date();
    const a = before.sign(body, { id: 'msg_1', at });
    const b = after.sign(body, { id: 'msg_1', at });
    const both = { ...a, 'webhook-signature': `${a['webhook-signature']} ${b['webhook-signature']}` };
    expect(() => after.verify(both, body)).not.toThrow();
  });

  it('checks secrets up front', () => {
    expect(isWebhookSecret(generateWebhookSecret())).toBe(true);
    expect(isWebhookSecret('a-plain-password-123')).toBe(false);
    expect(isWebhookSecret(`whsec_${Buffer.alloc(8).toString('base64')}`)).toBe(false);
    expect(() => webhookSigner('whsec_short')).toThrow(/24–64 bytes/);
  });
});
