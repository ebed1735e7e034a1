import { handle, type Schedule } from '@plh/jobs';
import { CheckpointAuditChains, checkpointGrownChains } from '../domain/audit/checkpoints';
import { MaintainAuditPartitions, PARTITION_MONTHS_AHEAD } from '../domain/audit/partitions';
import type { ComplianceDeps } from '../domain/deps';

export const checkpointSchedule = (cron: string): Schedule => ({
  name: 'compliance.checkpoint-audit-chains',
  cron,
  job: CheckpointAuditChains,
  payload: {},
});

export const partitionsSchedule: Schedule = {
  name: 'compliance.audit-partitions',
  cron: '17 3 * * *',
  job: MaintainAuditPartitions,
  payload: {},
};

export function checkpointHandler(
  deps: Pick<ComplianceDeps, 'systemWork' | 'unitOfWork' | 'audit'>,
  log: { info(o: object, m: string): void },
) {
  return handle(CheckpointAuditChains, async () => {
    const signed = await checkpointGrownChains(deps);
    if (signed) log.info({ signed }, 'audit trail: checkpoints signed');
  });
}

export function partitionsHandler(deps: Pick<ComplianceDeps, 'systemWork'>) {
  return handle(MaintainAuditPartitions, async () => {
    await deps.systemWork(({ auditChains }) => auditChains.ensurePartitions(PARTITION_MONTHS_AHEAD));
  });
}
