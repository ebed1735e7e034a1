import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { TObject } from '@sinclair/typebox';
import { ConfigSchema as compliance } from '@plh/compliance';
import { ConfigSchema as core } from '@plh/core';
import { ConfigSchema as gateway } from '@plh/gateway/config';
import { ConfigSchema as notification } from '@plh/notification';
import { ConfigSchema as proofEngine } from '@plh/proof-engine';
import { ConfigSchema as tenant } from '@plh/tenant';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Every service's configuration schema, by its folder under services/: the source of truth for its variables. */
export const CONFIG_SCHEMAS: Record<string, TObject> = {
  gateway,
  tenant,
  core,
  'proof-engine': proofEngine,
  notification,
  compliance,
};

export const SERVICE_NAMES = Object.keys(CONFIG_SCHEMAS);

/** The services/ folders, to prove CONFIG_SCHEMAS has them all (a new service cannot be left out). */
export function serviceFolders(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'services'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The environment variables a service's configuration reads. */
export function configVariables(service: string): string[] {
  const schema = CONFIG_SCHEMAS[service];
  if (!schema) throw new Error(`no configuration schema for ${service}`);
  return Object.keys(schema.properties).sort();
}

/** Variables without a default: the service refuses to start without them. */
export function requiredVariables(service: string): string[] {
  const schema = CONFIG_SCHEMAS[service]!;
  return configVariables(service).filter(
    (key) => schema.required?.includes(key) && (schema.properties[key] as { default?: unknown }).default === undefined,
  );
}

/** Read by the AWS SDK's default credential chain, not by a schema: allowed beside the schema's own. */
export const SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
