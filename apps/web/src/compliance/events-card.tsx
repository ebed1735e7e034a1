import { Badge, Button, Card, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

const STATUSES = [
  { value: 'active', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
] as const;
type Status = (typeof STATUSES)[number]['value'];
const PRIORITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };

/**
 * Compliance events (exclusion matches, NPI findings, regulation changes, deadlines), newest first by
 * status: acknowledge an open one (stops its escalation), resolve an acknowledged one saying how.
 */
export function ComplianceEvents({ tenantId, canHandle }: { tenantId: string; canHandle: boolean }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('active');
  const [resolving, setResolving] = useState<{ id: string; title: string } | null>(null);
  const [resolution, setResolution] = useState('');
  const events = useQuery({
    queryKey: ['compliance-events', tenantId, status],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/compliance/events', {
          params: { path: { tenantId }, query: { limit: 50, status } },
        }),
      ),
    refetchInterval: 15_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['compliance-events', tenantId] });
  const acknowledge = useMutation({
    mutationFn: async (eventId: string) =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/compliance/events/{eventId}/acknowledge', {
          params: { path: { tenantId, eventId } },
        }),
      ),
    onSuccess: refresh,
  });
  const resolve = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/compliance/events/{eventId}/resolve', {
          params: { path: { tenantId, eventId: resolving!.id } },
          body: { resolution: resolution.trim() },
        }),
      ),
    onSuccess: () => {
      setResolving(null);
      setResolution('');
      refresh();
    },
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Events
        </Title>
        <NativeSelect
          aria-label="Events to show"
          data={[...STATUSES]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status)}
        />
      </Group>
      <ProblemAlert error={acknowledge.error} />
      <QueryState query={events}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No {STATUSES.find((s) => s.value === status)!.label.toLowerCase()} events.</Text>
          ) : (
            <Table aria-label="Compliance events">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Raised</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Badge color={PRIORITY_COLORS[e.priority] ?? 'gray'}>{e.priority}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {e.title}
                      </Text>
                      <Text size="xs">{e.description}</Text>
                      {e.resolved?.resolution && <Text size="xs">Resolved: {e.resolved.resolution}</Text>}
                    </Table.Td>
                    <Table.Td>{dateTime(e.createdAt)}</Table.Td>
                    <Table.Td>
                      {canHandle && e.status === 'active' && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={`Acknowledge: ${e.title}`}
                          onClick={() => acknowledge.mutate(e.id)}
                          loading={acknowledge.isPending && acknowledge.variables === e.id}
                        >
                          Acknowledge
                        </Button>
                      )}
                      {canHandle && e.status === 'acknowledged' && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={`Resolve: ${e.title}`}
                          onClick={() => {
                            setResolution('');
                            resolve.reset();
                            setResolving({ id: e.id, title: e.title });
                          }}
                        >
                          Resolve
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <Modal
        opened={!!resolving}
        onClose={() => setResolving(null)}
        title={resolving ? `Resolve: ${resolving.title}` : ''}
      >
        <Stack>
          <Textarea
            label="How it was resolved"
            required
            autosize
            minRows={2}
            value={resolution}
            onChange={(e) => setResolution(e.currentTarget.value)}
          />
          <ProblemAlert error={resolve.error} />
          <Button onClick={() => resolve.mutate()} loading={resolve.isPending} disabled={!resolution.trim()}>
            Resolve
          </Button>
        </Stack>
      </Modal>
    </Card>
  );
}
