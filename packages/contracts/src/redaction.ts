/**
 * Error messages are where drivers echo data back: quoted literals (`invalid input syntax for type
 * date: "1950-02-03"`), PostgreSQL key details (`Key (last_name)=(Nguyen)`), long digit runs (dates,
 * phone numbers, ZIP codes). Anything that stores or shows an error message (logs, dead letters)
 * passes it through here first, so PHI does not travel with it.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/=\([^)]*\)/g, '=([REDACTED])')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"[REDACTED]"')
    .replace(/\d[\d\s./-]{3,}\d/g, '[REDACTED]');
}
