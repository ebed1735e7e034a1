import type { EventDefinition } from '../registry';

/**
 * Every event the platform publishes. Each service's events live in `./<service>.ts` and are added
 * here as the service gains them; the registry built from this list validates publish and consume.
 */
export const ALL_EVENTS: readonly EventDefinition[] = [];
