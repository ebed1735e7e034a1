import type { TenantDeps } from '../deps';
import { SETTINGS, type EditableBy } from './catalog';

export interface SettingView {
  value: unknown;
  default: unknown;
  overridden: boolean;
  editableBy: EditableBy;
  description: string;
}

/** Every setting with its effective value (stored value, else the default). */
export async function readSettings(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  tenantId: string,
): Promise<Record<string, SettingView>> {
  const rows = await deps.unitOfWork.run(tenantId, ({ settings }) => settings.list());
  return settingViews(rows);
}

export function settingViews(rows: Array<{ key: string; value: unknown }>): Record<string, SettingView> {
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
