import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { requestResending } from './resend';

/**
 * A server that, like an instance draining, drops a kept-alive connection as the next request on it
 * arrives: the first request of each connection is answered, a second on the same connection is not.
 */
async function closingServer(): Promise<{ url: string; received: string[]; server: Server }> {
  const received: string[] = [];
  const seen = new WeakSet<Socket>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(`${req.method} ${req.url}`);
      if (seen.has(req.socket)) return void req.socket.destroy();
      seen.add(req.socket);
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('requestResending', () => {
  let server: Awaited<ReturnType<typeof closingServer>>;
  let pool: Pool;
  const resent: unknown[] = [];

  beforeEach(async () => {
    server = await closingServer();
    // One connection: the second request goes out on the kept-alive connection the server drops.
    pool = new Pool(server.url, { connections: 1, keepAliveTimeout: 60_000 });
    resent.length = 0;
    const first = await pool.request({ method: 'GET', path: '/first' });
    await first.body.text();
  });
  afterEach(async () => {
    await pool.destroy();
    server.server.closeAllConnections();
    await new Promise((resolve) => server.server.close(resolve));
  });

  const send = (options: Dispatcher.RequestOptions) =>
    requestResending(pool, options, { onResend: (err) => resent.push(err) });

  it('sends a safe request (GET) again on a new connection when its connection was dropped', async () => {
    const res = await send({ method: 'GET', path: '/again' });
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('ok');
    expect(resent).toEqual([expect.objectContaining({ code: 'UND_ERR_SOCKET' })]);
    expect(server.received).toEqual(['GET /first', 'GET /again', 'GET /again']);
  });

  it('sends a POST its caller vouches for again (an Idempotency-Key the route honours), with its body', async () => {
    const res = await requestResending(
      pool,
      {
        method: 'POST',
        path: '/orders',
        headers: { 'Idempotency-Key': 'k-1', 'content-type': 'application/json' },
        body: '{"a":1}',
      },
      { idempotent: true, onResend: (err) => resent.push(err) },
    );
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    expect(resent).toHaveLength(1);
    expect(server.received).toEqual(['GET /first', 'POST /orders', 'POST /orders']);
  });

  it('never repeats a POST on its own, Idempotency-Key or not: not every route honours the key', async () => {
    await expect(
      send({ method: 'POST', path: '/orders', headers: { 'idempotency-key': 'k-2' }, body: '{}' }),
    ).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(resent).toEqual([]);
    expect(server.received).toEqual(['GET /first', 'POST /orders']);
  });

  it('never repeats a PUT or a DELETE on its own: a PUT may be an action', async () => {
    await expect(send({ method: 'PUT', path: '/orders/1', body: '{}' })).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    expect(resent).toEqual([]);
  });

  it('never repeats a streamed body: it cannot be read twice', async () => {
    await expect(
      requestResending(
        pool,
        { method: 'POST', path: '/file', body: Readable.from([Buffer.from('abc')]) },
        { idempotent: true, onResend: (err) => resent.push(err) },
      ),
    ).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(resent).toEqual([]);
  });

  it('never repeats a request that timed out', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slow = new Pool(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { headersTimeout: 200 });
    try {
      await expect(
        requestResending(slow, { method: 'GET', path: '/' }, { onResend: (err) => resent.push(err) }),
      ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
      expect(resent).toEqual([]);
    } finally {
      await slow.destroy();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('gives up after two resends when every connection is lost', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = new Pool(`http://127.0.0.1:${port}`);
    try {
      // Refused: nothing reached a server, so even a POST without a key may go again.
      await expect(
        requestResending(nowhere, { method: 'POST', path: '/', body: '{}' }, { onResend: (err) => resent.push(err) }),
      ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(resent).toHaveLength(2);
    } finally {
      await nowhere.destroy();
    }
  });
});
