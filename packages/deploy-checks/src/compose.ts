import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readEnvFile } from './env-file';
import { REPO_ROOT } from './services';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  env_file?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  ports?: string[];
  [key: string]: unknown;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** docker-compose.yml as compose reads it: anchors and `<<` merge keys resolved. */
export function loadCompose(file = path.join(REPO_ROOT, 'docker-compose.yml')): ComposeFile {
  return parse(readFileSync(file, 'utf8'), { merge: true, maxAliasCount: -1 }) as ComposeFile;
}

/** Every variable a compose service's container gets: `environment`, then its env files. */
export function composeEnvironment(service: ComposeService): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of service.env_file ?? []) Object.assign(env, readEnvFile(path.join(REPO_ROOT, file)));
  for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = value === null ? '' : String(value);
  return env;
}
