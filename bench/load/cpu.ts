import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Seconds of CPU (user + system) each part of the platform used so far. */
export type CpuReading = Record<string, number>;
/** Per job queue: seconds its jobs took (wall, from start to finish) and how many finished, so far. */
export type JobReading = Record<string, { seconds: number; count: number }>;

const SERVICES = ['gateway', 'tenant', 'core', 'proof-engine', 'notification', 'compliance'];
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const HZ = 100;

/**
 * The platform's CPU use, read where each part reports it: every service's `plh_process_cpu_seconds_total`
 * on its /metrics (PLH_METRICS_PORT and the five after it), PostgreSQL's and NATS's from /proc (the
 * postmaster's own time plus its reaped children's, and each live backend's), and this load generator's
 * own. Differences of two readings over a phase give CPU seconds per order for each part. PostgreSQL
 * and NATS are the platform's own, found by its data folder (`npm start`'s; unknown for a platform
 * started elsewhere, then they are left out), never another server on the machine.
 */
export async function readCpu(metricsPort: number, jobs: JobReading = {}, dataDir?: string): Promise<CpuReading> {
  const reading: CpuReading = {};
  await Promise.all(
    SERVICES.map(async (service, i) => {
      const text = await fetch(`http://127.0.0.1:${metricsPort + i}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      const lines = text.split('\n');
      // prom-client's process CPU counter, with or without the registry's default labels.
      const line = lines.find((l) => /^plh_process_cpu_seconds_total[ {]/.test(l));
      if (line) reading[service] = Number(line.slice(line.lastIndexOf(' ') + 1));
      for (const l of lines) {
        const m = /^plh_job_duration_seconds_(sum|count)\{[^}]*queue="([^"]+)"[^}]*\} (\S+)$/.exec(l);
        if (!m) continue;
        const entry = (jobs[m[2]!] ??= { seconds: 0, count: 0 });
        if (m[1] === 'sum') entry.seconds += Number(m[3]);
        else entry.count += Number(m[3]);
      }
    }),
  );
  if (dataDir) {
    const procs = processTable();
    const postmaster = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    reading.postgresql = ticksOfTree(procs, (p) => p.pid === postmaster) / HZ;
    reading.nats = ticksOfTree(procs, (p) => p.comm === 'nats-server' && p.cmdline.includes(dataDir)) / HZ;
  }
  const own = process.cpuUsage();
  reading['load generator'] = (own.user + own.system) / 1e6;
  return reading;
}

/** CPU seconds per order of each part between two readings. */
export function cpuPerOrder(before: CpuReading, after: CpuReading, orders: number): CpuReading {
  const out: CpuReading = {};
  for (const [part, seconds] of Object.entries(after))
    if (before[part] !== undefined && orders > 0) out[part] = (seconds - before[part]) / orders;
  return out;
}

/** Mean seconds per job of each queue that ran jobs between two readings. */
export function jobSeconds(before: JobReading, after: JobReading): Record<string, { mean: number; jobs: number }> {
  const out: Record<string, { mean: number; jobs: number }> = {};
  for (const [queue, { seconds, count }] of Object.entries(after)) {
    const jobs = count - (before[queue]?.count ?? 0);
    if (jobs > 0) out[queue] = { mean: (seconds - (before[queue]?.seconds ?? 0)) / jobs, jobs };
  }
  return out;
}

/** Cores each part kept busy between two readings taken `seconds` apart. */
export function coresUsed(before: CpuReading, after: CpuReading, seconds: number): CpuReading {
  const out: CpuReading = {};
  for (const [part, used] of Object.entries(after))
    if (before[part] !== undefined) out[part] = (used - before[part]) / seconds;
  return out;
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime */
  own: number;
  /** cutime + cstime: children that exited and were waited for */
  reaped: number;
  cmdline: string;
}

function processTable(): Proc[] {
  if (os.platform() !== 'linux') return [];
  const procs: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces; the fields after it are space-separated.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({
        pid: Number(entry),
        ppid: Number(f[1]),
        comm,
        own: Number(f[11]) + Number(f[12]),
        reaped: Number(f[13]) + Number(f[14]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '),
      });
    } catch {
      /* exited while read */
    }
  }
  return procs;
}

/** The processes `isRoot` picks, with their reaped children, plus their live children. */
function ticksOfTree(procs: Proc[], isRoot: (p: Proc) => boolean): number {
  const roots = procs.filter(isRoot);
  const rootPids = new Set(roots.map((p) => p.pid));
  let ticks = 0;
  for (const root of roots) ticks += root.own + root.reaped;
  for (const p of procs) if (rootPids.has(p.ppid)) ticks += p.own;
  return ticks;
}
