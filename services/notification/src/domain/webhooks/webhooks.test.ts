import { createServer } from 'node:http';
import { isBlockedAddress, refuseTarget } from './target-guard';
import { webhookSender } from './webhook-sender';
import { nextAttemptDelayMs, parseSchedule } from './retry-schedule';

describe('webhook targets (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a9fe:a9fe',
  ])('blocks %s', (address) => expect(isBlockedAddress(address)).toBe(true));

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8'])('lets %s through', (address) =>
    expect(isBlockedAddress(address)).toBe(false),
  );

  it('refuses private hosts, names resolving to them, credentials and other schemes in production mode', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'https://10.0.0.1/',
      'https://[::1]:8443/',
      'https://localhost/hook',
      'https://user:pass@example.com/',
      'ftp://example.com/',
      'not a url',
    ])
      expect(await refuseTarget(url, false)).toEqual(expect.any(String));
    expect(await refuseTarget('https://93.184.216.34/hook', false)).toBeNull();
    // Resolved, not guessed from the name: localhost resolves (hosts file) to loopback.
    expect(await refuseTarget('https://localhost/hook', false)).toBe(
      'The URL’s host resolves to a private or reserved address.',
    );
    // Local development and tests may point at loopback.
    expect(await refuseTarget('http://127.0.0.1:9999/hook', true)).toBeNull();
  });
});

describe('retry schedule', () => {
  const svix = parseSchedule('0,5000,300000,1800000,7200000,18000000,36000000,36000000');
  it('follows the schedule with ±10% jitter, then stops', () => {
    expect(nextAttemptDelayMs(svix, 0, () => 0.5)).toBe(0);
    expect(nextAttemptDelayMs(svix, 1, () => 0)).toBe(4500);
    expect(nextAttemptDelayMs(svix, 1, () => 1)).toBe(5500);
    expect(nextAttemptDelayMs(svix, 2, () => 0.5)).toBe(300_000);
    expect(nextAttemptDelayMs(svix, 7, () => 0.5)).toBe(36_000_000);
    expect(nextAttemptDelayMs(svix, 8)).toBeNull();
  });
});

describe('the webhook sender', () => {
  it('checks the address it actually connects to (DNS rebinding): a name that now resolves to loopback is refused', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
    );
    const guarded = webhookSender({ timeoutMs: 2_000, allowPrivate: false });
    const open = webhookSender({ timeoutMs: 2_000, allowPrivate: true });
    try {
      const refused = await guarded.post(`http://localhost:${port}/hook`, '{}', {});
      expect(refused).toMatchObject({
        succeeded: false,
        statusCode: null,
        error: 'the endpoint resolves to a private or reserved address',
      });
      expect(hits).toBe(0);
      // The same request where private targets are allowed (development) goes through.
      expect(await open.post(`http://localhost:${port}/hook`, '{}', {})).toMatchObject({
        succeeded: true,
        statusCode: 200,
        responseExcerpt: 'ok',
      });
      expect(hits).toBe(1);
    } finally {
      await guarded.close();
      await open.close();
      server.close();
    }
  });
});
