import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

/**
 * The compliance sources (OIG LEIE, NPPES, state lists, the Federal Register): freshness, the snapshot in
 * use, the last error, and "sync now" with the sync followed until it ends.
 */
export function SourcesPage() {
  const queryClient = useQueryClient();
  const admin = useMe().data?.role === 'ops_admin';
  const sources = useQuery({
    queryKey: ['ops-sources'],
    enabled: admin,
    queryFn: async () => dataOf(await api.GET('/api/ops/compliance/sources')),
    refetchInterval: 5_000,
  });
  const sync = useMutation({
    mutationFn: async (source: string) =>
      dataOf(await api.POST('/api/ops/compliance/sources/{source}/sync', { params: { path: { source } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['ops-sources'] }),
  });
  if (!admin) return <Text>The compliance sources are managed by ops admins.</Text>;
  return (
    <Stack>
      <Title order={1} size="h2">
        Compliance sources
      </Title>
      <ProblemAlert error={sync.error} title="The sync was not started" />
      {sync.data && (
        <Text size="sm">
          Sync of {sync.data.source} {sync.data.state}; this page shows its outcome when it ends.
        </Text>
      )}
      <QueryState query={sources}>
        {(page) => (
          <Table striped aria-label="Compliance sources">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Source</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last success</Table.Th>
                <Table.Th>Last attempt</Table.Th>
                <Table.Th ta="right">Snapshot</Table.Th>
                <Table.Th ta="right">Listings</Table.Th>
                <Table.Th>Every</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.items.map((s) => (
                <Table.Tr key={s.name}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>
                    {!s.isActive ? (
                      <Badge color="gray">off</Badge>
                    ) : s.lastError ? (
                      <Badge color="red">{s.lastError.code}</Badge>
                    ) : (
                      <Badge color="green">ok</Badge>
                    )}
                    {s.lastError && (
                      <Text size="xs" c="red.9">
                        {s.lastError.message}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{dateTime(s.lastSuccessAt)}</Table.Td>
                  <Table.Td>{dateTime(s.lastAttemptAt)}</Table.Td>
                  <Table.Td ta="right">v{s.snapshotVersion}</Table.Td>
                  <Table.Td ta="right">{s.activeRows.toLocaleString()}</Table.Td>
                  <Table.Td>{s.pollIntervalMinutes} min</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={`Sync now: ${s.name}`}
                      loading={sync.isPending && sync.variables === s.name}
                      onClick={() => sync.mutate(s.name)}
                    >
                      Sync now
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
