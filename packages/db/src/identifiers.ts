/** Schema, role and table names we interpolate into DDL must be plain lower-case identifiers. */
const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function ident(name: string): string {
  if (!IDENT_RE.test(name)) throw new Error(`unsafe SQL identifier "${name}"`);
  return `"${name}"`;
}

/** A string literal for DDL that cannot take bind parameters (CREATE ROLE ... PASSWORD). */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('NUL byte in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}
