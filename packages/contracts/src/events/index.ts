import type { EventDefinition } from '../registry';
import { TENANT_EVENTS } from './tenant';

export * from './tenant';

/**
 * Every event the platform publishes. Each service's events live in `./<service>.ts` and are added
 * here; the registry built from this list validates publish and consume.
 */
export const ALL_EVENTS: readonly EventDefinition[] = [...TENANT_EVENTS];
