import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { saveBlob } from '../ui/save-blob';

interface Filters {
  action: string;
  resourceType: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { action: '', resourceType: '', from: '', to: '' };
/** Local midnight of a `YYYY-MM-DD` date input, `plusDays` later. */
const localDay = (date: string, plusDays = 0) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays);
};
/** Who may export the trail (the API refuses the others). */
const EXPORTERS = new Set(['owner', 'ops_admin', 'ops_agent']);

/**
 * The practice's tamper-evident audit trail: entries newest first with filters, whether the chain verifies
 * (recomputed on the server, with its signed checkpoints), and the export an auditor verifies offline.
 */
export function AuditLogPage() {
  const me = useMe();
  const tenantId = me.data?.practice?.id;
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.resourceType ? { resourceType: filters.resourceType } : {}),
    // Days as this browser's calendar has them: from the start of "From" to the end of "Until".
    ...(filters.from ? { from: localDay(filters.from).toISOString() } : {}),
    ...(filters.to ? { to: localDay(filters.to, 1).toISOString() } : {}),
  };
  const entries = useInfiniteQuery({
    queryKey: ['audit', tenantId, filters],
    enabled: !!tenantId,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/compliance/audit', {
          params: {
            path: { tenantId: tenantId! },
            query: { limit: 50, ...query, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const verify = useQuery({
    queryKey: ['audit-verify', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/compliance/audit/verify', { params: { path: { tenantId: tenantId! } } }),
      ),
  });
  const exportTrail = useMutation({
    // JSON Lines carries the hashes and signed checkpoints (plh-audit-verify checks it offline); CSV is for reading.
    mutationFn: async (format: 'jsonl' | 'csv') => {
      const answer = await api.GET('/api/tenants/{tenantId}/compliance/audit/export', {
        params: { path: { tenantId: tenantId! }, query: { format, ...query } },
        parseAs: 'blob',
      });
      saveBlob(dataOf(answer) as unknown as Blob, `audit-trail-${new Date().toISOString().slice(0, 10)}.${format}`);
    },
  });
  if (!tenantId) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Audit log
        </Title>
        {EXPORTERS.has(me.data?.role ?? '') && (
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => exportTrail.mutate('jsonl')}
              loading={exportTrail.isPending && exportTrail.variables === 'jsonl'}
            >
              Export (verifiable offline)
            </Button>
            <Button
              variant="default"
              onClick={() => exportTrail.mutate('csv')}
              loading={exportTrail.isPending && exportTrail.variables === 'csv'}
            >
              Export CSV
            </Button>
          </Group>
        )}
      </Group>
      <ProblemAlert error={exportTrail.error} />
      <QueryState query={verify}>
        {(v) =>
          v.valid ? (
            <Alert color="green" title="The trail verifies">
              {v.entries.toLocaleString()} entries, every hash and link recomputed {dateTime(v.verifiedAt)}.{' '}
              {v.checkpoints.length === 0
                ? 'No signed checkpoint yet: one is signed every few minutes while the trail grows.'
                : `${v.checkpoints.filter((c) => c.signatureValid && c.rootMatches).length} of ${v.checkpoints.length} signed checkpoints match.`}
            </Alert>
          ) : (
            <Alert color="red" role="alert" title="The trail does not verify">
              First break at entry {v.firstBreak?.seq} ({v.firstBreak?.reason.replaceAll('_', ' ')}). Tell your security
              officer and PatientLetterHub support.
            </Alert>
          )
        }
      </QueryState>
      <Group align="end">
        <TextInput
          label="Action"
          description="e.g. order.approve, or order. for all"
          value={draft.action}
          onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value.trim() })}
        />
        <TextInput
          label="Resource type"
          description="e.g. order, patient-list"
          value={draft.resourceType}
          onChange={(e) => setDraft({ ...draft, resourceType: e.currentTarget.value.trim() })}
        />
        <TextInput
          label="From"
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
        <TextInput
          label="Until"
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
        <Button onClick={() => setFilters(draft)}>Filter</Button>
      </Group>
      <QueryState query={entries}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? (
            <Text c="dimmed">No entries match.</Text>
          ) : (
            <Stack>
              <Table striped aria-label="Audit entries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td>{e.seq}</Table.Td>
                      <Table.Td>{dateTime(e.occurredAt)}</Table.Td>
                      <Table.Td>
                        {e.action}
                        {e.outcome !== 'success' && (
                          <Badge color="red" ml="xs">
                            {e.outcome}
                          </Badge>
                        )}
                        {e.phi && (
                          <Badge color="grape" ml="xs">
                            PHI
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {e.actorKind}
                        {e.actorRole && ` (${e.actorRole})`}
                        <Text size="xs" ff="monospace">
                          {e.actorId?.slice(0, 8)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {e.resourceType} {e.resourceId?.slice(0, 8)}
                        {e.changes.length > 0 && <Text size="xs">{e.changes.map((c) => c.field).join(', ')}</Text>}
                        {e.reason && <Text size="xs">“{e.reason}”</Text>}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{e.clientIp ?? ''}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {entries.hasNextPage && (
                <Group>
                  <Button
                    variant="default"
                    onClick={() => void entries.fetchNextPage()}
                    loading={entries.isFetchingNextPage}
                  >
                    Older entries
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
