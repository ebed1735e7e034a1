import { baseConfigSchema, PlatformConfigSchema, Type, type Static } from '@plh/service-kit';

export const ConfigSchema = Type.Composite([baseConfigSchema(3001), PlatformConfigSchema]);
export type Config = Static<typeof ConfigSchema>;
