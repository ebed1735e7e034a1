/** Emails are stored and compared lower-case and trimmed (a CHECK constraint holds the first). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
