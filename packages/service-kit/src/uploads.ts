import busboy from 'busboy';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ValidationFailed } from './problem';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The request body as OpenAPI describes it, for routes whose body is a stream the service reads
     * itself (uploads): documentation only, never used to validate (see `uploadRequestBody`).
     */
    requestBody?: Record<string, unknown>;
  }
}

export interface UploadedFile {
  stream: Readable;
  /** The file name the client gave (the form part's, or the raw body's Content-Disposition), unchecked. */
  filename: string | null;
}

/**
 * The file of an upload route, however the client sent it: as the raw body (`curl --data-binary
 * @list.csv -H 'content-type: text/csv'`) or as the `file` field of a multipart/form-data form
 * (`curl -F file=@list.csv`, a browser's FormData). Streamed either way, nothing buffered; size and
 * type are for the storage layer to check. Other form fields are ignored; a form without the field
 * is a 400 naming it. The route's scope must hand the body over as a stream (a `*` parser).
 */
export function uploadedFile(req: FastifyRequest, field = 'file'): Promise<UploadedFile> {
  const body = req.body as Readable;
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type))
    return Promise.resolve({ stream: body, filename: filenameOf(req.headers['content-disposition']) });
  return new Promise((resolve, reject) => {
    let found: Readable | undefined;
    const refuse = (message: string) => reject(new ValidationFailed([{ pointer: `/body/${field}`, message }]));
    let form: busboy.Busboy;
    try {
      form = busboy({ headers: req.headers, limits: { files: 1, fields: 50, fieldSize: 64 * 1024, parts: 60 } });
    } catch {
      return refuse('the multipart/form-data body has no boundary');
    }
    form.on('file', (name, stream, info) => {
      if (name !== field || found) return void stream.resume();
      found = stream;
      resolve({ stream, filename: info.filename ? info.filename.slice(0, 255) : null });
    });
    form.on('error', (err: Error) => {
      if (found) found.destroy(err);
      else refuse(`the multipart/form-data body could not be read (${err.message})`);
      body.unpipe(form);
      body.resume();
    });
    form.on('close', () => {
      if (!found) refuse(`is missing: send the file as the "${field}" field of the form`);
    });
    body.pipe(form);
  });
}

/** OpenAPI's requestBody of an upload route: the raw body in `mediaTypes`, or a form with a `file` field. */
export function uploadRequestBody(mediaTypes: string[], description: string): Record<string, unknown> {
  const binary = { type: 'string', format: 'binary' };
  return {
    required: true,
    description,
    content: {
      ...Object.fromEntries(mediaTypes.map((t) => [t, { schema: binary }])),
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file: { ...binary, description } } },
      },
    },
  };
}

/**
 * The file name a raw upload names in its `Content-Disposition` header (RFC 6266: `filename*=UTF-8''…`
 * preferred over `filename="…"`), as `curl -H 'content-disposition: attachment; filename="list.csv"'`.
 */
export function filenameOf(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // an undecodable name falls back to the plain one
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? null) : null;
}
