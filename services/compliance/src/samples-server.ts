/**
 * Serves the bundled samples of the compliance sources in their real formats (`samples/<source>/`),
 * GET only, no listing: the demo's sources read them instead of OIG, CMS, a state or the Federal
 * Register (`npm start` runs it in-process, docker compose as its own container). An API asked by
 * number (the NPI Registry's `?number=`) is answered by the folder's `<number>.json`, or by no result.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export const SAMPLES_DIR = path.join(__dirname, '..', 'samples');

export async function serveSamples(options: { dir?: string; port: number; host: string }): Promise<Server> {
  const dir = options.dir ?? SAMPLES_DIR;
  const server = createServer((req, res) => {
    let file: string;
    let lookup: string | null = null;
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      lookup = url.searchParams.get('number');
      const name = lookup === null ? url.pathname : path.join(url.pathname, `${lookup.replace(/\D/g, '')}.json`);
      file = path.join(dir, path.normalize(decodeURIComponent(name)));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    const found =
      req.method === 'GET' && file.startsWith(dir + path.sep) && existsSync(file) && statSync(file).isFile();
    if (!found && lookup !== null) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result_count":0,"results":[]}');
      return;
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = readFileSync(file);
    res
      .writeHead(200, {
        'content-type': file.endsWith('.json') ? 'application/json' : 'text/csv',
        'content-length': String(body.length),
        'last-modified': statSync(file).mtime.toUTCString(),
      })
      .end(body);
  });
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(options.port, options.host, resolve),
  );
  return server;
}
