/**
 * Growing delays, then a lock, per account (the email as typed, existing or not, so the answer
 * never tells whether it exists) and per client IP (many accounts from one place).
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
} as const;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

/** Seconds the caller must still wait, or 0 when an attempt is allowed now. */
export function waitRequired(state: (ThrottleState & { key: string }) | undefined, now: Date): number {
  if (!state) return 0;
  if (state.lockedUntil && state.lockedUntil > now) return (state.lockedUntil.getTime() - now.getTime()) / 1000;
  const free = state.key.startsWith('ip:') ? THROTTLE.ipFreeFailures : THROTTLE.accountFreeFailures;
  const beyond = state.failures - free;
  if (beyond < 0) return 0;
  const delaySec = Math.min(2 ** beyond, THROTTLE.maxDelaySec);
  const allowedAt = state.lastFailureAt.getTime() + delaySec * 1000;
  return Math.max(0, (allowedAt - now.getTime()) / 1000);
}

export const accountKey = (email: string) => `acct:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;
