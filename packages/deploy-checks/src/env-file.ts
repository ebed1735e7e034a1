import { readFileSync } from 'node:fs';

/** A docker compose env file (KEY=value lines, # comments) as a map; refuses a line it cannot read. */
export function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, raw] of readFileSync(file, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`${file}:${i + 1}: not KEY=value`);
    out[match[1]!] = match[2]!;
  }
  return out;
}
