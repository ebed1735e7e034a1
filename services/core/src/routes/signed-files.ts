import path from 'node:path';
import { ProblemError, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import {
  attachmentDisposition,
  FileDecryptionError,
  primed,
  StorageError,
  verifyLocalUrl,
  type ObjectStorage,
} from '@plh/storage';

class LinkInvalid extends ProblemError {
  constructor(reason: 'expired' | 'invalid') {
    super(
      403,
      reason === 'expired' ? 'DOWNLOAD_LINK_EXPIRED' : 'DOWNLOAD_LINK_INVALID',
      'Forbidden',
      reason === 'expired' ? 'This download link has expired; ask for a new one.' : 'This download link is not valid.',
    );
  }
}

/** A stored file that does not decrypt: ours to fix, so a 500 that says what, never a 200 cut short. */
class StoredFileUnreadable extends ProblemError {
  constructor() {
    super(
      500,
      'STORED_FILE_UNREADABLE',
      'Internal Server Error',
      'The stored file failed its integrity check and cannot be served; it has been reported.',
    );
  }
}

/**
 * Serves signed download links of the local storage driver (S3 serves its own presigned URLs). Public:
 * the signature is the credential, bound to one object, its file name and an expiry.
 */
const signedFileRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStorage; secret: Buffer }> = async (
  app,
  { storage, secret },
) => {
  app.get(
    '/api/files/*',
    {
      schema: {
        summary: 'Download through a signed link',
        querystring: Type.Object({
          expires: Type.Optional(Type.String()),
          signature: Type.Optional(Type.String()),
          filename: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (req, reply) => {
      const key = decodeURIComponent((req.params as { '*': string })['*']);
      const { expires, signature, filename } = req.query;
      const check = verifyLocalUrl({ key, expires, signature, secret, ...(filename ? { filename } : {}) });
      if (!check.ok) throw new LinkInvalid(check.reason);
      try {
        const stream = await primed(await storage.get(key));
        const filename = check.filename ?? 'download';
        return reply
          .header('cache-control', 'private, no-store')
          .header('content-disposition', attachmentDisposition(filename))
          .type(TYPES[path.extname(filename).toLowerCase()] ?? 'application/octet-stream')
          .send(stream);
      } catch (err) {
        if (err instanceof StorageError) throw new LinkInvalid('invalid');
        if (err instanceof FileDecryptionError) {
          req.log.error({ err: err.message }, 'a stored file could not be decrypted');
          throw new StoredFileUnreadable();
        }
        throw err;
      }
    },
  );
};
export default signedFileRoutes;

/**
 * Content types by the link's file name, for the kinds of files we hand out (proofs, thumbnails the web
 * app shows in <img>, manifests, invoices); anything else is a plain download. Browsers do not sniff
 * (nosniff), so a thumbnail needs its real type to display.
 */
const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
};
