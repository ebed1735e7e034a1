import { Readable } from 'node:stream';

/**
 * Waits for a download's first chunk before anything is sent. For an encrypted file that chunk is the
 * header and the first segment, authenticated, so a file that cannot be opened (tampered, a key not
 * configured, truncated) fails here, while the caller can still answer with a problem instead of a
 * 200 cut short. Later chunks stream as they come; closing the result closes the source.
 */
export async function primed(source: Readable): Promise<Readable> {
  const chunks = source[Symbol.asyncIterator]();
  const first = await chunks.next();
  return Readable.from(
    (async function* () {
      try {
        if (first.done) return;
        yield first.value;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      } finally {
        await chunks.return?.();
      }
    })(),
    { objectMode: false },
  );
}
