import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers one path: a file (with ETag and Last-Modified), or a failure mode. */
export type Served =
  | { body: string; lastModified?: Date; contentType?: string }
  | { status: number; body?: string; contentType?: string }
  | { truncate: string; announce: number }
  | { chunked: string }
  | { hang: true }
  | { redirect: string };

/**
 * A local HTTP server standing in for the compliance sources: OIG's downloadables (files by path) and
 * the NPI Registry API (JSON answers by number, HTTP 200 even for its errors). Serves files by path
 * with ETag / Last-Modified and answers conditional GETs with 304, or fails the way real servers do (an
 * error status, an HTML page, a body cut short, no answer). Records every request it got.
 */
export async function startSourceServer() {
  const files = new Map<string, Served>();
  /** The NPI Registry's answers by number (`/nppes/?version=2.1&number=N`); an unknown number has none. */
  const registry = new Map<string, { json: unknown } | { status: number } | { hang: true }>();
  const requests: Array<{ path: string; search?: string; ifNoneMatch: string | null; status: number }> = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/nppes/') return answerRegistry(url, res);
    const path = decodeURIComponent(url.pathname).replace(/^\/leie\//, '');
    const served = files.get(path);
    const answer = (status: number) =>
      requests.push({
        path,
        search: url.search,
        ifNoneMatch: (req.headers['if-none-match'] as string) ?? null,
        status,
      });
    if (!served) {
      answer(404);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
      return;
    }
    if ('redirect' in served) {
      answer(302);
      res.writeHead(302, { location: served.redirect }).end();
      return;
    }
    if ('hang' in served) {
      answer(0);
      hanging.add(res);
      return;
    }
    if ('truncate' in served) {
      answer(200);
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(served.announce) });
      res.write(served.truncate);
      res.socket?.destroy(); // the connection drops before the announced length
      return;
    }
    if ('chunked' in served) {
      answer(200);
      res.writeHead(200, { 'content-type': 'text/csv' }); // no Content-Length: chunked transfer
      for (let i = 0; i < served.chunked.length; i += 4096) res.write(served.chunked.slice(i, i + 4096));
      res.end();
      return;
    }
    if ('status' in served) {
      answer(served.status);
      res.writeHead(served.status, { 'content-type': served.contentType ?? 'text/plain' }).end(served.body ?? '');
      return;
    }
    const etag = `"${createHash('sha256').update(served.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      answer(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    answer(200);
    res
      .writeHead(200, {
        'content-type': served.contentType ?? 'text/csv',
        etag,
        'last-modified': (served.lastModified ?? new Date()).toUTCString(),
        'content-length': String(Buffer.byteLength(served.body)),
      })
      .end(served.body);
  });
  function answerRegistry(url: URL, res: ServerResponse) {
    const number = url.searchParams.get('number') ?? '';
    const served = url.searchParams.get('version') === '2.1' ? registry.get(number) : { json: { Errors: [] } };
    requests.push({
      path: `nppes:${number}`,
      ifNoneMatch: null,
      status: served && 'status' in served ? served.status : 200,
    });
    if (served && 'hang' in served) return void hanging.add(res);
    if (served && 'status' in served)
      return void res.writeHead(served.status, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
    // The registry answers 200 for everything it can answer, errors included.
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(served ? served.json : { result_count: 0, results: [] }));
  }

  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/leie/`,
    registryUrl: `http://127.0.0.1:${port}/nppes/`,
    files,
    registry,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
export type SourceServer = Awaited<ReturnType<typeof startSourceServer>>;
