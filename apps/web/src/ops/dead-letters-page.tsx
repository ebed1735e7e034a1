import { Badge, Button, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime, words } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

/**
 * Events a service's consumer gave up on (after its retries, or at once for a message that breaks its
 * contract), every service's in one list with the error; an ops admin retries one once its cause is fixed.
 */
export function DeadLettersPage() {
  const queryClient = useQueryClient();
  const admin = useMe().data?.role === 'ops_admin';
  const [consumer, setConsumer] = useState('');
  const [filter] = useDebouncedValue(consumer.trim(), 300);
  const letters = useQuery({
    queryKey: ['dead-letters', filter],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/ops/dead-letters', {
          params: { query: { limit: 200, ...(filter ? { consumer: filter } : {}) } },
        }),
      ),
    refetchInterval: 15_000,
  });
  const retry = useMutation({
    mutationFn: async (sequence: number) =>
      dataOf(await api.POST('/api/ops/dead-letters/{sequence}/retry', { params: { path: { sequence } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['dead-letters'] }),
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        Dead letters
      </Title>
      <Text size="sm">
        A retry publishes the event again: the consumer that gave up runs it, the others skip it (they handled it
        already). Fix the cause first, or it comes back here.
      </Text>
      <TextInput
        label="Consumer"
        placeholder="e.g. proof-core-events"
        value={consumer}
        onChange={(e) => setConsumer(e.currentTarget.value)}
        w={320}
      />
      <ProblemAlert error={retry.error} title="Not retried" />
      {retry.isSuccess && (
        <Text size="sm">
          {retry.data.eventType ?? 'The event'} published again for {retry.data.consumer}.
        </Text>
      )}
      <QueryState query={letters}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No dead letters: every event was handled.</Text>
          ) : (
            <Table striped aria-label="Dead letters">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>Failed</Table.Th>
                  <Table.Th>Consumer</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Why</Table.Th>
                  <Table.Th ta="right">Tries</Table.Th>
                  {admin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((l) => (
                  <Table.Tr key={l.sequence} data-sequence={l.sequence}>
                    <Table.Td>{l.sequence}</Table.Td>
                    <Table.Td>{dateTime(l.failedAt)}</Table.Td>
                    <Table.Td>{l.consumer}</Table.Td>
                    <Table.Td>
                      {l.eventType ?? 'unreadable'}
                      <Text size="xs" ff="monospace">
                        {l.eventId ?? `${l.stream} #${l.streamSequence}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={l.reason === 'invalid_event' ? 'red' : 'orange'}>{words(l.reason)}</Badge>
                      <Text size="xs">{l.error}</Text>
                    </Table.Td>
                    <Table.Td ta="right">{l.deliveries}</Table.Td>
                    {admin && (
                      <Table.Td>
                        {/* A message that broke its contract would only come back: the API refuses to send it again. */}
                        {l.reason === 'handler_failed' && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Retry: ${l.eventType ?? 'event'} for ${l.consumer}`}
                            loading={retry.isPending && retry.variables === l.sequence}
                            onClick={() => retry.mutate(l.sequence)}
                          >
                            Retry
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}
