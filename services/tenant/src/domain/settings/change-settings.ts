import { Value } from '@sinclair/typebox/value';
import { createEvent, SettingsChanged } from '@plh/contracts';
import { Forbidden, ValidationFailed, type FieldError } from '@plh/service-kit';
import type { TenantDeps } from '../deps';
import { SETTINGS } from './catalog';
import { settingViews, type SettingView } from './read-settings';

/** A setting's value as the audit record shows it: scalars as they are, the rest as JSON. */
const auditValue = (value: unknown) =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value)
    ? (value as string | number | boolean | null)
    : JSON.stringify(value);

/**
 * Changes several settings at once, all or nothing. Unknown keys and invalid values are 400 (each
 * listed); an owner changing an ops-only key is 403. Setting a value equal to the default removes
 * the override.
 */
export async function changeSettings(
  deps: Pick<TenantDeps, 'unitOfWork'>,
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

  return deps.unitOfWork.run(input.tenantId, async ({ settings, outbox, audit }) => {
    const before = settingViews(await settings.list());
    for (const key of keys) {
      const value = input.changes[key];
      if (JSON.stringify(value) === JSON.stringify(SETTINGS[key]?.default)) await settings.remove(key);
      else await settings.put(key, value, input.actorId);
    }
    await outbox.enqueue(
      createEvent(SettingsChanged, {
        source: 'tenant',
        tenantId: input.tenantId,
        data: { keys, changedBy: input.actorId },
      }),
    );
    await audit.record({
      action: 'settings.change',
      resource: { type: 'settings', id: input.tenantId },
      changes: keys.map((key) => ({
        field: key,
        from: auditValue(before[key]?.value),
        to: auditValue(input.changes[key]),
      })),
    });
    return settingViews(await settings.list());
  });
}
