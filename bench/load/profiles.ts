import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where one process spent its CPU: the largest self-time shares by package (or by our own service/package). */
export interface ProfileSummary {
  process: string;
  /** Sampled CPU time, seconds (idle excluded). */
  busySeconds: number;
  top: { where: string; share: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Reads the V8 CPU profiles `--cpu-prof` wrote (one per process, at its exit) and sums self time by
 * where the code lives: a dependency (`pg`, `pdfkit`, `fastify`…), one of our packages or services
 * (`@plh/db`, `core`), Node's internals, or the garbage collector. Each process is named by the
 * service whose code it ran most.
 */
export function summarizeProfiles(dir: string, top = 12): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summarize(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CpuProfile, top))
    .filter((s) => s.busySeconds > 0.5)
    .sort((a, b) => b.busySeconds - a.busySeconds);
}

function summarize(profile: CpuProfile, top: number): ProfileSummary {
  const whereOf = new Map(profile.nodes.map((n) => [n.id, place(n.callFrame)]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const where = whereOf.get(id) ?? '(unknown)';
    const us = profile.timeDeltas[i] ?? 0;
    if (where === '(idle)') return;
    busy += us;
    self.set(where, (self.get(where) ?? 0) + us);
  });
  const services = [...self.entries()].filter(([w]) => w.startsWith('service '));
  services.sort((a, b) => b[1] - a[1]);
  return {
    process: services[0]?.[0].slice('service '.length) ?? 'other',
    busySeconds: busy / 1e6,
    top: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([where, us]) => ({ where, share: busy ? us / busy : 0 })),
  };
}

function place({ functionName, url }: { functionName: string; url: string }): string {
  if (!url) {
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)')
      return functionName;
    return `(native) ${functionName || 'anonymous'}`;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dep) return dep[1]!;
  const own = /\/(services|packages)\/([^/]+)\//.exec(url);
  if (own) return own[1] === 'services' ? `service ${own[2]}` : `@plh/${own[2]}`;
  return url;
}
