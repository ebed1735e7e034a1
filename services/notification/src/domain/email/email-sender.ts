import type { EmailProvider, OutgoingEmail, ProviderTry } from './email-provider';

export interface EmailSender {
  /** Tries the primary provider (and its quick retries), then the other; every try is answered. */
  send(email: OutgoingEmail): Promise<ProviderTry[]>;
  close(): Promise<void>;
}

/**
 * Fail-over between providers: the first one's retryable failures (5xx, 429, timeouts) are retried
 * quickly a few times, then the next provider takes the email. A refusal that is not retryable (a
 * malformed address) also goes to the next provider, which may see it differently, but is not retried.
 */
export function failoverEmailSender(
  providers: EmailProvider[],
  options: { retries: number; retryDelayMs?: (attempt: number) => number },
): EmailSender {
  const delay = options.retryDelayMs ?? ((n) => 200 * 2 ** n);
  return {
    async send(email) {
      const tries: ProviderTry[] = [];
      for (const provider of providers) {
        for (let attempt = 0; attempt <= options.retries; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, delay(attempt - 1)));
          const result = await provider.send(email);
          tries.push(result);
          if (result.succeeded) return tries;
          if (!result.retryable) break;
        }
      }
      return tries;
    },
    close: async () => void (await Promise.all(providers.map((p) => p.close()))),
  };
}
