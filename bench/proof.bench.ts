/**
 * Proof engine: BENCH_PROOF_LETTERS (10,000) one-page letters merged from a library template, three
 * ways in one run, each in its own process: our renderer, a minimal pdf-lib loop (baseline 1), pdfkit
 * streaming to a file (baseline 2). Reports letters/s, output MB and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fmt, report } from './stats';

const LETTERS = Number(process.env.BENCH_PROOF_LETTERS ?? 10_000);

interface Run {
  variant: string;
  count: number;
  seconds: number;
  bytes: number;
  peakRssMb: number;
}

/** The proof engine's own Node.js flags (scripts/start.mjs PROOF_ENGINE_NODE_FLAGS); the baselines get them too. */
const SERVICE_FLAGS = ['--max-semi-space-size=16'];

function run(variant: string, letters = LETTERS, heapCapMb?: number): Run {
  const cap = [...SERVICE_FLAGS, ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [])];
  const out = execFileSync(
    process.execPath,
    [...cap, '--import', 'tsx', path.join(__dirname, 'proof/run.ts'), variant, String(letters)],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const rows = ['pdf-lib', 'pdfkit', 'ours', 'ours-batched'].map((variant) => run(variant));
console.log(`\nProof benchmark: ${LETTERS} one-page letters, one process each`);
console.log('| renderer                       | letters/s | output MB | peak RSS MB |');
console.log('|--------------------------------|-----------|-----------|-------------|');
const label: Record<string, string> = {
  'pdf-lib': 'baseline: minimal pdf-lib loop',
  pdfkit: 'baseline: pdfkit streaming',
  ours: 'ours, one streamed document',
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
// Flat memory: the same renderer with the V8 heap capped as the service's container sets it
// (uncapped, V8 postpones collection and RSS follows the garbage, not the live set).
const [capped, capped4x] = [run('ours', LETTERS, 96), run('ours', LETTERS * 4, 96)];
console.log(
  `heap capped at 96 MB: ${LETTERS} letters peak RSS ${fmt(capped.peakRssMb, 0)} MB, ${LETTERS * 4} letters ${fmt(capped4x.peakRssMb, 0)} MB (${fmt(capped4x.peakRssMb / capped.peakRssMb, 2)}x for 4x the letters), ${fmt(rate(capped4x), 0)} letters/s`,
);
report('proof', {
  'ours letters/s': rate(ours),
  'ours peak RSS MB': ours.peakRssMb,
  'batches letters/s': rate(batched),
  'pdf-lib letters/s': rate(pdfLib),
  'pdfkit letters/s': rate(pdfkit),
  'capped 4x peak RSS MB': capped4x.peakRssMb,
});
console.log(
  `targets (production file): >= 1000 letters/s: ${rate(ours) >= 1000 ? 'met' : 'MISSED'} (${fmt(rate(ours), 0)}); ` +
    `peak RSS <= 256 MB: ${ours.peakRssMb <= 256 ? 'met' : 'MISSED'} (${fmt(ours.peakRssMb, 0)} MB); ` +
    `batches of 500: ${fmt(rate(batched), 0)} letters/s, ${fmt(batched.peakRssMb, 0)} MB`,
);
