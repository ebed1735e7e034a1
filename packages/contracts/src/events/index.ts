import type { EventDefinition } from '../registry';
import { AUDIT_EVENTS } from './audit';
import { COMPLIANCE_EVENTS } from './compliance';
import { CORE_EVENTS } from './core';
import { NOTIFICATION_EVENTS } from './notification';
import { PROOF_EVENTS } from './proof';
import { TENANT_EVENTS } from './tenant';

export * from './audit';
export * from './compliance';
export * from './core';
export * from './notification';
export * from './proof';
export * from './tenant';
export * from './subscriptions';

/**
 * Every event the platform publishes. Each service's events live in `./<service>.ts` and are added
 * here; the registry built from this list validates publish and consume.
 */
export const ALL_EVENTS: readonly EventDefinition[] = [
  ...TENANT_EVENTS,
  ...CORE_EVENTS,
  ...PROOF_EVENTS,
  ...COMPLIANCE_EVENTS,
  ...NOTIFICATION_EVENTS,
  ...Object.values(AUDIT_EVENTS),
];
