import { Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime, words } from '../ui/format';
import { QueryState } from '../ui/query-state';
import { AttestationCard } from './attestation-card';
import { ComplianceEvents } from './events-card';
import { DecisionDialog, type PossibleMatch } from './decision-dialog';
import { RosterCard } from './roster-card';

const EXCLUSION_COLORS: Record<string, string> = {
  excluded: 'red',
  possible_match: 'orange',
  clear: 'green',
  insufficient_data: 'gray',
};
/** Who decides possible matches and who handles events (the API refuses the others anyway). */
const DECIDERS = new Set(['owner', 'ops_admin']);
const HANDLERS = new Set(['owner', 'approver', 'ops_admin', 'ops_agent']);

/** Compliance monitoring: each roster provider's screening with its evidence, decisions, and the open events. */
export function CompliancePage() {
  const me = useMe();
  const tenantId = me.data?.practice?.id;
  const role = me.data?.role ?? '';
  const [deciding, setDeciding] = useState<PossibleMatch | null>(null);
  const screenings = useQuery({
    queryKey: ['screenings', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/compliance/screenings', { params: { path: { tenantId: tenantId! } } }),
      ),
    // Sources sync on their own: a new screening shows up while the page is open.
    refetchInterval: 15_000,
  });
  if (!tenantId) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        Compliance
      </Title>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Provider screening
        </Title>
        <QueryState query={screenings}>
          {(s) =>
            s.items.length === 0 ? (
              <Text c="dimmed">No providers on the roster yet, or not screened yet.</Text>
            ) : (
              <Table aria-label="Provider screening">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Provider</Table.Th>
                    <Table.Th>NPI</Table.Th>
                    <Table.Th>Exclusion lists</Table.Th>
                    <Table.Th>NPI Registry</Table.Th>
                    <Table.Th>Evidence</Table.Th>
                    <Table.Th>Screened</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.items.map((p) => (
                    <Table.Tr key={p.providerId} data-testid={`screening-${p.providerName}`}>
                      <Table.Td>{p.providerName}</Table.Td>
                      <Table.Td>{p.npi ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge color={EXCLUSION_COLORS[p.exclusionStatus] ?? 'gray'}>{words(p.exclusionStatus)}</Badge>
                      </Table.Td>
                      <Table.Td>
                        {p.npiStatus ? words(p.npiStatus) : '—'}
                        {p.npiCheck?.findings.map((f) => (
                          <Text key={f.type} size="xs" c="red.9">
                            {f.detail}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        {p.evidence.map((e) => (
                          <Stack key={e.listingKey} gap={4} align="flex-start">
                            <Text size="xs">
                              {e.source} v{e.snapshotVersion}, by {words(e.basis)}
                              {e.confirmed && ' (confirmed)'}
                            </Text>
                            {p.exclusionStatus === 'possible_match' && !e.confirmed && DECIDERS.has(role) && (
                              <Button
                                size="compact-xs"
                                variant="light"
                                aria-label={`Decide: ${p.providerName}`}
                                onClick={() =>
                                  setDeciding({
                                    providerId: p.providerId,
                                    providerName: p.providerName,
                                    listingKey: e.listingKey,
                                    listed: e.listed,
                                  })
                                }
                              >
                                Decide
                              </Button>
                            )}
                          </Stack>
                        ))}
                      </Table.Td>
                      <Table.Td>{dateTime(p.screenedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Card>
      <ComplianceEvents tenantId={tenantId} canHandle={HANDLERS.has(role)} />
      <RosterCard tenantId={tenantId} canEdit={DECIDERS.has(role)} />
      <AttestationCard tenantId={tenantId} />
      <DecisionDialog
        key={deciding ? `${deciding.providerId}:${deciding.listingKey}` : 'none'}
        tenantId={tenantId}
        match={deciding}
        onClose={() => setDeciding(null)}
      />
    </Stack>
  );
}
