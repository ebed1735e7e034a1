import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';

/** Creates the audit trail's monthly partitions ahead of need (also run at start). */
export const MaintainAuditPartitions = defineJob(
  'compliance.audit-partitions',
  Type.Object({}, { additionalProperties: false }),
  { maxAttempts: 3 },
);

/** Months of partitions kept ready beyond the current one: an append never finds its month missing. */
export const PARTITION_MONTHS_AHEAD = 2;
