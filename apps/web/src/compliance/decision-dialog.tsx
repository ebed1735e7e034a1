import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';

export interface PossibleMatch {
  providerId: string;
  providerName: string;
  listingKey: string;
  listed: Record<string, unknown>;
}

/**
 * A person's decision on a possible match: not this provider (dismissed: remembered for this provider and
 * listing, never raised again) or the same person (confirmed: the provider is excluded). A reason is
 * required either way; it goes into the audit trail and the month's attestation.
 */
export function DecisionDialog({
  tenantId,
  match,
  onClose,
}: {
  tenantId: string;
  match: PossibleMatch | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: 'dismiss' | 'confirm') =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/compliance/screenings/{providerId}/decision', {
          params: { path: { tenantId, providerId: match!.providerId } },
          body: { listingKey: match!.listingKey, decision, reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setReason('');
      onClose();
      void queryClient.invalidateQueries({ queryKey: ['screenings', tenantId] });
      void queryClient.invalidateQueries({ queryKey: ['compliance-events', tenantId] });
    },
  });
  return (
    <Modal opened={!!match} onClose={onClose} title={match ? `Possible match: ${match.providerName}` : ''} size="lg">
      {match && (
        <Stack>
          <Text size="sm">The listing, as its source publishes it:</Text>
          <Text size="sm" ff="monospace">
            {Object.entries(match.listed)
              .filter(([, v]) => v !== null && v !== '')
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(' · ')}
          </Text>
          <Textarea
            label="Reason"
            description="What you checked, e.g. “different date of birth and licence state”"
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <ProblemAlert error={decide.error} title="The decision was not recorded" />
          <Group>
            <Button
              disabled={!reason.trim()}
              loading={decide.isPending && decide.variables === 'dismiss'}
              onClick={() => decide.mutate('dismiss')}
            >
              Not this provider: dismiss
            </Button>
            <Button
              color="red"
              variant="outline"
              disabled={!reason.trim()}
              loading={decide.isPending && decide.variables === 'confirm'}
              onClick={() => decide.mutate('confirm')}
            >
              Same person: confirm exclusion
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
