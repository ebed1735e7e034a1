import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, errors, request } from 'undici';
import { NppesError, readNppesAnswer, type NpiRecord } from './nppes-answer';

export interface NppesOptions {
  /** The API's base URL (`https://npiregistry.cms.hhs.gov/api/`). */
  baseUrl: string;
  /** Polite rate: at most this many lookups a second from this process. */
  requestsPerSecond: number;
  timeoutMs: number;
  /** Lookups tried this many times (a 5xx, a 429, a timeout, an `Errors` answer) before it is an `error`. */
  attempts: number;
  /** The first retry waits this long, each next one twice as long. */
  retryDelayMs: number;
}

/**
 * Looks NPIs up in the NPI Registry, one at a time at most `requestsPerSecond` (the slots are shared by
 * every lookup of this process), each tried `attempts` times with growing delays. Answers the record, or
 * throws NppesError with the last reason.
 */
export function nppesClient() {
  const dispatcher = new Agent({ connections: 2 });
  let nextSlot = 0;
  const takeSlot = async (perSecond: number) => {
    const now = Date.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + 1000 / Math.max(0.1, perSecond);
    if (slot > now) await sleep(slot - now);
  };

  async function once(npi: string, options: NppesOptions): Promise<NpiRecord> {
    const url = new URL(options.baseUrl);
    url.searchParams.set('version', '2.1');
    url.searchParams.set('number', npi);
    await takeSlot(options.requestsPerSecond);
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'PatientLetterHub-compliance/1' },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        dispatcher,
      });
    } catch (err) {
      const timedOut = err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError;
      throw new NppesError(
        timedOut
          ? 'The NPI Registry did not answer in time.'
          : `The NPI Registry could not be reached (${String(err).slice(0, 200)}).`,
        true,
      );
    }
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new NppesError(
        `The NPI Registry answered HTTP ${res.statusCode}.`,
        res.statusCode >= 500 || res.statusCode === 429,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(await res.body.text());
    } catch {
      throw new NppesError('The NPI Registry answered something that is not JSON.', true);
    }
    return readNppesAnswer(npi, body);
  }

  return {
    async lookUp(npi: string, options: NppesOptions): Promise<NpiRecord> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(npi, options);
        } catch (err) {
          if (!(err instanceof NppesError) || !err.retryable || attempt >= options.attempts) throw err;
          await sleep(options.retryDelayMs * 2 ** (attempt - 1));
        }
      }
    },
    close: () => dispatcher.close(),
  };
}
export type NppesClient = ReturnType<typeof nppesClient>;
