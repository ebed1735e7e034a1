// Validates Kubernetes manifests (a JSON array on stdin) against the Kubernetes OpenAPI schemas of
// their kinds, with kubernetes-models; prints a JSON array of problems (empty: all valid). A separate
// Node process because kubernetes-models is published as ES modules for `import` only, which jest's
// CommonJS runtime cannot load.
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

/** The kinds the chart makes, each with its model. */
const MODELS = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const problems = [];
for (const manifest of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key];
  if (!Model) {
    problems.push(`${manifest.metadata?.name}: no Kubernetes schema for ${key} here`);
    continue;
  }
  try {
    new Model(manifest).validate();
  } catch (err) {
    problems.push(`${key} ${manifest.metadata?.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.stdout.write(JSON.stringify(problems));
