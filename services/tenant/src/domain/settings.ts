import { Value } from '@sinclair/typebox/value';
import { createEvent, SettingsChanged, type EventRegistry } from '@plh/contracts';
import { withTenant } from '@plh/db';
import { enqueueEvent } from '@plh/event-bus';
import { Forbidden, ValidationFailed, type FieldError } from '@plh/service-kit';
import type { Prisma, PrismaClient } from '../../generated/prisma';
import { SETTINGS, type EditableBy } from './settings-catalog';

export interface SettingView {
  value: unknown;
  default: unknown;
  overridden: boolean;
  editableBy: EditableBy;
  description: string;
}

export interface SettingsDeps {
  db: PrismaClient;
  registry: EventRegistry;
}

/** Every setting with its effective value (stored value, else the default). */
export async function readSettings(db: PrismaClient, tenantId: string): Promise<Record<string, SettingView>> {
  const rows = await withTenant(db, tenantId, (tx) => tx.tenantSetting.findMany({ where: { tenantId } }));
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(
    Object.entries(SETTINGS).map(([key, def]) => [
      key,
      {
        value: stored.has(key) ? stored.get(key) : def.default,
        default: def.default,
        overridden: stored.has(key),
        editableBy: def.editableBy,
        description: def.description,
      },
    ]),
  );
}

/**
 * Changes several settings at once, all or nothing. Unknown keys and invalid values are 400 (each
 * listed); an owner changing an ops-only key is 403. Setting a value equal to the default removes
 * the override.
 */
export async function changeSettings(
  deps: SettingsDeps,
  input: { tenantId: string; actorId: string; actorIsOps: boolean; changes: Record<string, unknown> },
): Promise<Record<string, SettingView>> {
  const errors: FieldError[] = [];
  const keys = Object.keys(input.changes);
  if (keys.length === 0) errors.push({ pointer: '/body', message: 'must change at least one setting' });
  for (const key of keys) {
    const def = SETTINGS[key];
    if (!def) errors.push({ pointer: `/body/${key}`, message: 'is not a setting' });
    else if (!Value.Check(def.schema, input.changes[key]))
      errors.push({ pointer: `/body/${key}`, message: 'has an invalid value' });
  }
  if (errors.length) throw new ValidationFailed(errors);
  const opsOnly = keys.filter((key) => SETTINGS[key]?.editableBy === 'ops');
  if (opsOnly.length && !input.actorIsOps)
    throw new Forbidden(`Only the operations team changes: ${opsOnly.join(', ')}.`);

  await withTenant(deps.db, input.tenantId, async (tx) => {
    for (const key of keys) {
      const value = input.changes[key];
      if (JSON.stringify(value) === JSON.stringify(SETTINGS[key]?.default)) {
        await tx.tenantSetting.deleteMany({ where: { tenantId: input.tenantId, key } });
        continue;
      }
      const json = value as Prisma.InputJsonValue;
      await tx.tenantSetting.upsert({
        where: { tenantId_key: { tenantId: input.tenantId, key } },
        create: { tenantId: input.tenantId, key, value: json, updatedBy: input.actorId },
        update: { value: json, updatedBy: input.actorId, updatedAt: new Date() },
      });
    }
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(SettingsChanged, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { keys, changedBy: input.actorId },
      }),
    );
  });
  return readSettings(deps.db, input.tenantId);
}
