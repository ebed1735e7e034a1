import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { publicKeys } from './checkpoint';
import { ExportVerifier } from './export-verifier';

const USAGE = `usage: plh-audit-verify --public-key <jwks.json> <export.jsonl | ->

Checks an audit trail export offline: every entry re-hashed and linked, the signed checkpoint's
signature, the inclusion of the exported entries and the consistency of every earlier checkpoint.
The public key is the JWKS published at GET /api/compliance/audit/public-keys.
Exit status: 0 valid, 1 not valid (the first broken entry and every problem are printed), 2 usage.`;

/** The offline verifier an auditor runs on an export: `plh-audit-verify --public-key keys.json export.jsonl`. */
export async function main(argv: string[]): Promise<number> {
  const keyAt = argv.indexOf('--public-key');
  const keyFile = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const file = argv.filter((_, i) => i !== keyAt && i !== keyAt + 1)[0];
  if (!keyFile || !file || argv.includes('--help')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const keys = publicKeys(JSON.parse(readFileSync(keyFile, 'utf8')) as Parameters<typeof publicKeys>[0]);
  if (keys.size === 0) {
    process.stderr.write(`${keyFile} holds no Ed25519 public key with a kid\n`);
    return 2;
  }
  const verifier = new ExportVerifier(keys);
  const input = file === '-' ? process.stdin : createReadStream(file);
  for await (const line of createInterface({ input, crlfDelay: Infinity })) verifier.push(line);
  const report = verifier.finish();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    report.valid
      ? `valid: ${report.entries} entries of chain ${report.chain}\n`
      : `NOT VALID${report.firstBreak ? `: entry ${report.firstBreak.seq} (${report.firstBreak.reason})` : ''}\n`,
  );
  return report.valid ? 0 : 1;
}
