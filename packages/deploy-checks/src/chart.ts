import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './services';

export const CHART_DIR = path.join(REPO_ROOT, 'k8s');

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** plh-chart-render, built by scripts/ensure-chart-render.mjs (the bootstrap sets CHART_RENDER_BIN for tests). */
function renderer(): string {
  const bin = process.env.CHART_RENDER_BIN;
  if (!bin)
    throw new Error('CHART_RENDER_BIN is not set: run the suite with `npm test` (scripts/ensure-chart-render.mjs)');
  return bin;
}

function args(valuesFiles: string[]): string[] {
  return ['-chart', CHART_DIR, ...valuesFiles.flatMap((f) => ['-f', path.resolve(CHART_DIR, f)])];
}

/** `helm template` of the chart: every manifest, in file order. Throws with the renderer's message on failure. */
export function renderChart(valuesFiles: string[], options: { release?: string; upgrade?: boolean } = {}): Manifest[] {
  const out = execFileSync(
    renderer(),
    [
      ...args(valuesFiles),
      '-name',
      options.release ?? 'plh',
      '-namespace',
      'plh',
      ...(options.upgrade ? ['-upgrade'] : []),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return parseAllDocuments(out)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`rendered YAML does not parse: ${doc.errors[0]!.message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

/** The values Helm would use (values.yaml with each file merged over it), for the values.schema.json check. */
export function mergedValues(valuesFiles: string[]): Record<string, unknown> {
  return JSON.parse(execFileSync(renderer(), [...args(valuesFiles), '-values'], { encoding: 'utf8' })) as Record<
    string,
    unknown
  >;
}

export function ofKind<T = Manifest>(manifests: Manifest[], kind: string): (Manifest & T)[] {
  return manifests.filter((m) => m.kind === kind) as (Manifest & T)[];
}

/** Problems of each manifest against its kind's Kubernetes schema (kubernetes-models); empty when all are valid. */
export function kubernetesSchemaProblems(manifests: unknown[]): string[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'validate-manifests.mjs')], {
    input: JSON.stringify(manifests),
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[];
}
