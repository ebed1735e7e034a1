import { Alert, Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import type { Order } from './order-actions';

/** What a failed proof or production job's code means for the person looking at the order. */
function sentenceOf(problem: NonNullable<Order['problem']>): string {
  switch (problem.code) {
    case 'NO_LETTER_SETUP':
      return 'The campaign has no letter set up yet. Set up its letter, then try again.';
    case 'CONTENT_CHECKS_FAILED':
      return 'The letter misses content the law requires. Complete the letter, then try again.';
    case 'ROW_NOT_RENDERABLE':
      return `Line ${problem.row ?? '?'} of the patient list has characters the letter fonts cannot print. Upload a corrected list.`;
    default:
      return `The job failed (${problem.code}). Try again; if it fails again, tell support the order number.`;
  }
}

/** A failed job of the order, said as a sentence, with "Try again" when the API offers it. */
export function JobProblem({ tenantId, order }: { tenantId: string; order: Order }) {
  const queryClient = useQueryClient();
  const problem = order.problem!;
  const retry = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/proof/jobs/{jobId}/retry', {
          params: { path: { tenantId, jobId: problem.jobId } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['order', order.id] }),
  });
  return (
    <Alert color="red" role="alert" title={`The ${order.status === 'approved' ? 'production file' : 'proof'} failed`}>
      {sentenceOf(problem)}
      {problem.retry && (
        <Group mt="xs">
          <Button size="compact-sm" variant="default" onClick={() => retry.mutate()} loading={retry.isPending}>
            Try again
          </Button>
        </Group>
      )}
      <ProblemAlert error={retry.error} />
    </Alert>
  );
}
