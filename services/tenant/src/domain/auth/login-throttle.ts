/**
 * Growing delays, then a lock, per account (the email as typed, existing or not, so the answer
 * never tells whether it exists) and per client IP (many accounts from one place). Failures decay:
 * each key's score halves every `halfLifeMs`, so an office's typos of the last hours do not pile up
 * into a lockout, and a lock is not renewed by old failures. A client that has signed in to an account
 * before (that email from that IP) is held back only by the account's own score, never by the IP's:
 * colleagues' typos behind one NAT address cannot lock the owner out.
 */
export const THROTTLE = {
  /** Failures allowed before delays start, per account and per IP (an office shares one IP). */
  accountFreeFailures: 3,
  ipFreeFailures: 20,
  /** Delay after the n-th failure beyond the free ones: 1 s, 2 s, 4 s, ... capped. */
  maxDelaySec: 60,
  accountLockAfter: 10,
  ipLockAfter: 50,
  lockForMs: 15 * 60_000,
  /** A failure weighs half after this long, a quarter after twice this, … */
  halfLifeMs: 30 * 60_000,
  /** How long a successful sign-in makes its email + IP a known client. */
  knownClientForMs: 90 * 24 * 3_600_000,
} as const;

export interface ThrottleState {
  key: string;
  score: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** The key's failure score now: what it was at the last failure, halved for every half-life since. */
export function decayedScore(state: Pick<ThrottleState, 'score' | 'lastFailureAt'>, now: Date): number {
  const elapsed = Math.max(0, now.getTime() - state.lastFailureAt.getTime());
  return state.score * 0.5 ** (elapsed / THROTTLE.halfLifeMs);
}

/** Seconds the caller must still wait, or 0 when an attempt is allowed now. */
export function waitRequired(state: ThrottleState | undefined, now: Date): number {
  if (!state) return 0;
  if (state.lockedUntil && state.lockedUntil > now) return (state.lockedUntil.getTime() - now.getTime()) / 1000;
  const free = state.key.startsWith('ip:') ? THROTTLE.ipFreeFailures : THROTTLE.accountFreeFailures;
  // The delay follows the score at the last failure (so it does not shrink while one waits it out);
  // rapid failures count whole (a failure that has lost under 5%, about two minutes, is still one).
  const beyond = Math.floor(state.score + 0.05) - free;
  if (beyond < 0) return 0;
  const delaySec = Math.min(2 ** beyond, THROTTLE.maxDelaySec);
  const allowedAt = state.lastFailureAt.getTime() + delaySec * 1000;
  return Math.max(0, (allowedAt - now.getTime()) / 1000);
}

export const accountKey = (email: string) => `acct:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;
