/** One email as a provider sends it: addresses, subject, both bodies, and our ids for its callbacks. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our message id and practice, echoed back by the provider's delivery events. */
  messageId: string;
  tenantId: string;
}

/** What one provider did with one email. */
export interface ProviderTry {
  provider: string;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  providerMessageId: string | null;
  error: string | null;
  /** Worth trying again (a 5xx, a 429, a timeout, a dropped connection), or not (a refused address). */
  retryable: boolean;
}

export interface EmailProvider {
  name: 'sendgrid' | 'smtp';
  send(email: OutgoingEmail): Promise<ProviderTry>;
  close(): Promise<void>;
}

/** A short, single-line reason: never a body that could echo what we sent. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').slice(0, 300);
}
