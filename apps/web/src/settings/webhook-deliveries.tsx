import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

const STATUS_COLORS: Record<string, string> = {
  delivered: 'green',
  sent: 'green',
  failed: 'red',
  queued: 'blue',
  suppressed: 'gray',
};

/**
 * An endpoint's latest deliveries (Stripe's dashboard shape): each message's status and attempts, every
 * attempt's status code, latency and response excerpt on demand, and replay of one message or of every
 * failure of the last day.
 */
export function WebhookDeliveries({
  tenantId,
  endpointId,
  canReplay,
}: {
  tenantId: string;
  endpointId: string;
  canReplay: boolean;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const messages = useQuery({
    queryKey: ['webhook-messages', endpointId],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/notifications/messages', {
          params: { path: { tenantId }, query: { limit: 20, channel: 'webhook', endpointId } },
        }),
      ),
    refetchInterval: 5_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['webhook-messages', endpointId] });
  const replayOne = useMutation({
    mutationFn: async (messageId: string) =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/notifications/messages/{messageId}/replay', {
          params: { path: { tenantId, messageId } },
        }),
      ),
    onSuccess: refresh,
  });
  const replayDay = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/notifications/webhooks/{endpointId}/replay', {
          params: { path: { tenantId, endpointId } },
          body: { since: new Date(Date.now() - 86_400_000).toISOString() },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Deliveries
        </Text>
        {canReplay && (
          <Button size="compact-xs" variant="default" onClick={() => replayDay.mutate()} loading={replayDay.isPending}>
            Replay the last 24 hours' failures
          </Button>
        )}
      </Group>
      {replayDay.isSuccess && <Text size="xs">{replayDay.data.replayed} messages queued again.</Text>}
      <ProblemAlert error={replayOne.error ?? replayDay.error} />
      <QueryState query={messages}>
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing sent to this endpoint yet.
            </Text>
          ) : (
            <Table aria-label="Deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((m) => (
                  <Fragment key={m.id}>
                    <Table.Tr>
                      <Table.Td>
                        {m.topic}
                        <Text size="xs" ff="monospace">
                          {m.webhookId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[m.status] ?? 'gray'}>{m.status}</Badge>
                        {m.lastError && (
                          <Text size="xs" c="red.9">
                            {m.lastError}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{m.attempts}</Table.Td>
                      <Table.Td>{dateTime(m.createdAt)}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-expanded={open === m.id}
                            onClick={() => setOpen(open === m.id ? null : m.id)}
                          >
                            {open === m.id ? 'Hide attempts' : 'Attempts'}
                          </Button>
                          {canReplay && m.status === 'failed' && (
                            <Button size="compact-xs" variant="default" onClick={() => replayOne.mutate(m.id)}>
                              Replay
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {open === m.id && (
                      <Table.Tr>
                        <Table.Td colSpan={5}>
                          <Attempts tenantId={tenantId} messageId={m.id} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}

function Attempts({ tenantId, messageId }: { tenantId: string; messageId: string }) {
  const message = useQuery({
    queryKey: ['message', messageId],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/notifications/messages/{messageId}', {
          params: { path: { tenantId, messageId } },
        }),
      ),
  });
  return (
    <QueryState query={message}>
      {(m) =>
        m.deliveryAttempts.length === 0 ? (
          <Text size="sm">No attempt yet{m.nextAttemptAt && `; the next at ${dateTime(m.nextAttemptAt)}`}.</Text>
        ) : (
          <Table aria-label="Attempts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>HTTP status</Table.Th>
                <Table.Th>Latency</Table.Th>
                <Table.Th>Answer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.deliveryAttempts.map((a) => (
                <Table.Tr key={a.attempt}>
                  <Table.Td>{a.attempt}</Table.Td>
                  <Table.Td>{dateTime(a.attemptedAt)}</Table.Td>
                  <Table.Td>{a.statusCode ?? '—'}</Table.Td>
                  <Table.Td>{a.latencyMs} ms</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {a.error ?? a.responseExcerpt ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </QueryState>
  );
}
