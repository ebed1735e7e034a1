import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers one path: a file (with ETag and Last-Modified), or a failure mode. */
export type Served =
  | { body: string; lastModified?: Date; contentType?: string }
  | { status: number; body?: string; contentType?: string }
  | { truncate: string; announce: number }
  | { chunked: string }
  | { hang: true };

/**
 * A local HTTP server standing in for a compliance source (OIG's downloadables): serves files by path
 * with ETag / Last-Modified and answers conditional GETs with 304, or fails the way real servers do (an
 * error status, an HTML page, a body cut short, no answer). Records every request it got.
 */
export async function startSourceServer() {
  const files = new Map<string, Served>();
  const requests: Array<{ path: string; ifNoneMatch: string | null; status: number }> = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/leie\//, '');
    const served = files.get(path);
    const answer = (status: number) =>
      requests.push({ path, ifNoneMatch: (req.headers['if-none-match'] as string) ?? null, status });
    if (!served) {
      answer(404);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
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
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/leie/`,
    files,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
export type SourceServer = Awaited<ReturnType<typeof startSourceServer>>;
