/**
 * Proof engine: BENCH_PROOF_LETTERS (10,000) one-page letters merged from a library template, three
 * ways in one run, each in its own process: our renderer, a minimal pdf-lib loop (baseline 1), pdfkit
 * streaming to a file (baseline 2). Reports letters/s, output MB and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fmt } from './stats';

const LETTERS = Number(process.env.BENCH_PROOF_LETTERS ?? 10_000);

interface Run {
  variant: string;
  count: number;
  seconds: number;
  bytes: number;
  peakRssMb: number;
}

function run(variant: string): Run {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'proof/run.ts'), variant, String(LETTERS)],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const rows = ['pdf-lib', 'pdfkit', 'ours', 'ours-batched'].map(run);
console.log(`\nProof benchmark: ${LETTERS} one-page letters, one process each`);
console.log('| renderer                       | letters/s | output MB | peak RSS MB |');
console.log('|--------------------------------|-----------|-----------|-------------|');
const label: Record<string, string> = {
  'pdf-lib': 'baseline: minimal pdf-lib loop',
  pdfkit: 'baseline: pdfkit streaming',
  ours: 'our renderer, one document',
  'ours-batched': 'our renderer, batches of 500',
};
for (const r of rows)
  console.log(
    `| ${label[r.variant]!.padEnd(30)} | ${fmt(r.count / r.seconds, 0).padStart(9)} | ${fmt(r.bytes / 1e6, 1).padStart(9)} | ${fmt(r.peakRssMb, 0).padStart(11)} |`,
  );
const [pdfLib, pdfkit, ours, batched] = rows as [Run, Run, Run, Run];
const rate = (r: Run) => r.count / r.seconds;
console.log(
  `ours / pdf-lib loop: ${fmt(rate(ours) / rate(pdfLib), 2)}x; ours / pdfkit: ${fmt(rate(ours) / rate(pdfkit), 2)}x`,
);
console.log(
  `targets (production file = batches): >= 1000 letters/s: ${rate(batched) >= 1000 ? 'met' : 'MISSED'} (${fmt(rate(batched), 0)}); ` +
    `peak RSS <= 256 MB: ${batched.peakRssMb <= 256 ? 'met' : 'MISSED'} (${fmt(batched.peakRssMb, 0)} MB)`,
);
