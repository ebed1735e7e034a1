/**
 * The same benchmarks on several Node.js runtimes in one run, so a regression from a runtime change
 * shows as a ratio rather than as a difference between two days. Each benchmark runs on every
 * runtime in turn (outbox, then gateway, then proof), with everything it spawns on that runtime.
 *
 * BENCH_NODES: comma-separated node binaries; the first is the baseline (default: the machine's
 * `node` outside the repo, then the one running this). BENCH_RUNTIME_BENCHES: which (outbox,gateway,proof).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fmt } from './stats';

interface Reported {
  bench: string;
  node: string;
  metrics: Record<string, number>;
}

function defaultNodes(): string[] {
  // The machine's own node: PATH without the repo's .local/node in front.
  const systemPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes('.local/node'));
  const which = spawnSync('sh', ['-c', 'command -v node'], {
    env: { PATH: systemPath.join(path.delimiter) },
    encoding: 'utf8',
  });
  const system = which.stdout.trim();
  return [...new Set([system, process.execPath].filter(Boolean))];
}

const nodes = (process.env.BENCH_NODES ?? '').split(',').filter(Boolean);
const runtimes = nodes.length > 0 ? nodes : defaultNodes();
const benches = (process.env.BENCH_RUNTIME_BENCHES ?? 'outbox,gateway,proof').split(',');

function run(node: string, bench: string): Reported {
  // The runtime goes first on PATH too: the benchmarks' child processes start `process.execPath`, tools start `node`.
  const env = { ...process.env, PATH: [path.dirname(node), process.env.PATH].join(path.delimiter) };
  const out = spawnSync(node, ['--import', 'tsx', `${bench}.bench.ts`], {
    cwd: __dirname,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(out.stdout);
  const line = out.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (out.status !== 0 || !line) throw new Error(`${bench} on ${node} failed (exit ${out.status})`);
  return JSON.parse(line.slice('BENCH '.length)) as Reported;
}

const results = benches.map((bench) => runtimes.map((node) => run(node, bench)));
const [baseline] = runtimes.map((node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim());
const header = results[0]!.map((r) => r.node);
console.log(`\nRuntimes benchmark: the same benchmarks on ${header.join(', ')} (ratios against ${baseline})`);
console.log(
  `| metric | ${header.join(' | ')} | ${header
    .slice(1)
    .map((v) => `${v} / ${baseline}`)
    .join(' | ')} |`,
);
console.log(
  `|---|${header.map(() => '---:').join('|')}|${header
    .slice(1)
    .map(() => '---:')
    .join('|')}|`,
);
for (const perNode of results) {
  for (const metric of Object.keys(perNode[0]!.metrics)) {
    const values = perNode.map((r) => r.metrics[metric] ?? NaN);
    const ratios = values.slice(1).map((v) => `${fmt(v / values[0]!, 2)}x`);
    console.log(
      `| ${perNode[0]!.bench}: ${metric} | ${values.map((v) => fmt(v, 1)).join(' | ')} | ${ratios.join(' | ')} |`,
    );
  }
}
