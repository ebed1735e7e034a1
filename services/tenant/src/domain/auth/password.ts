import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { ValidationFailed } from '@plh/service-kit';

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane).
 * See: https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
// 2 = Algorithm.Argon2id (a const enum, which isolatedModules cannot inline).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // malformed hash: never a match
  }
}

/** Verified against when the account does not exist, so both failures cost the same time. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('not-a-real-password-ever'));

const COMMON = new Set(
  readFileSync(path.join(__dirname, '../../../data/common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * NIST SP 800-63B style: length over composition rules; refuse known-common passwords (also with
 * digits or symbols appended) and passwords containing the account's email name.
 */
export function checkPasswordPolicy(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN) problems.push(`must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) problems.push(`must be at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d\W_]+$/, ''))) problems.push('is too common');
  const name = email.split('@')[0]?.toLowerCase() ?? '';
  if (name.length >= 4 && lower.includes(name)) problems.push('must not contain the email name');
  if (problems.length) throw new ValidationFailed(problems.map((message) => ({ pointer: '/body/password', message })));
}
