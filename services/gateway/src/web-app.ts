import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RouteNotFound, type FastifyInstance, type FastifyReply, type FastifyRequest } from '@plh/service-kit';

/**
 * The web app's Content-Security-Policy: scripts only from this origin (no inline script, no eval),
 * requests only to this origin (the API), no framing by others. Styles may be inline: the component
 * library sets CSS variables in a style element at run time.
 */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/**
 * Serves the built web app (apps/web/dist) at `/`, same origin as the API: hashed files under /assets
 * cached for a year, index.html never cached and answered for every page path the app routes itself
 * (`/orders/…`) when a browser asks for HTML. Paths under /api stay the API's: an unknown one is the
 * same 404 problem as before. Files are listed once at start: nothing outside that list is read.
 */
export function serveWebApp(app: FastifyInstance, dir: string): void {
  const index = readFileSync(path.join(dir, 'index.html'));
  const assetsDir = path.join(dir, 'assets');
  const assets = new Map(
    (existsSync(assetsDir) ? readdirSync(assetsDir) : []).map((file) => [file, path.join(assetsDir, file)]),
  );
  const page = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', WEB_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index);
  app.get('/assets/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const file = assets.get(req.params.file);
    if (!file) throw new RouteNotFound(req.method, req.url.split('?')[0]!);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
      .send(createReadStream(file));
  });
  app.get('/', async (_req, reply) => page(reply));
  app.get('/*', async (req, reply) => {
    const pathname = req.url.split('?')[0]!;
    const wantsPage = String(req.headers.accept ?? '').includes('text/html');
    if (pathname.startsWith('/api/') || pathname === '/api' || !wantsPage)
      throw new RouteNotFound(req.method, pathname);
    return page(reply);
  });
}
