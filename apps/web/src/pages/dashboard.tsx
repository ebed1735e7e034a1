import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, dataOf } from '../api/client';
import { useMe, usePracticeId } from '../api/me';
import { QueryState } from '../ui/query-state';
import { dollars, words as status } from '../ui/format';

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}

/** A performance mark: the dashboard's figures are on screen and the page answers input. */
export const INTERACTIVE_MARK = 'plh:dashboard-interactive';

/** The practice's home: orders by state, what was invoiced, open compliance alerts, the sources' freshness. */
export function DashboardPage() {
  const me = useMe();
  const tenantId = usePracticeId();
  const overview = useQuery({
    queryKey: ['dashboard', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/dashboard', { params: { path: { tenantId: tenantId! } } })),
  });
  const compliance = useQuery({
    queryKey: ['compliance-summary', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/compliance/summary', { params: { path: { tenantId: tenantId! } } }),
      ),
  });
  // The browser tests read this mark: the time from navigation to the first figures on screen.
  const ready = !!overview.data && !!compliance.data;
  useEffect(() => {
    if (ready && performance.getEntriesByName(INTERACTIVE_MARK).length === 0) performance.mark(INTERACTIVE_MARK);
  }, [ready]);
  if (me.data && !tenantId) return <Navigate to="/ops/orders" />;
  return (
    <Stack>
      <Title order={1} size="h2">
        Dashboard
      </Title>
      <QueryState query={overview}>
        {(o) => (
          <Stack>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Figure label="Open orders" value={o.openOrders} />
              <Figure label="Letters mailed" value={o.lettersMailed} />
              <Figure label="Invoiced" value={dollars(o.invoicedCents)} />
              <Figure label="Returned to sender" value={o.returned} />
            </SimpleGrid>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Orders by state
              </Title>
              {Object.keys(o.ordersByStatus).length === 0 ? (
                <Text c="dimmed">No orders yet.</Text>
              ) : (
                <Group>
                  {Object.entries(o.ordersByStatus).map(([s, n]) => (
                    <Badge key={s} size="lg">
                      {status(s)}: {String(n)}
                    </Badge>
                  ))}
                </Group>
              )}
            </Card>
          </Stack>
        )}
      </QueryState>
      <QueryState query={compliance}>
        {(c) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Compliance alerts
              </Title>
              <Group>
                <Badge color="red" size="lg">
                  {c.events.openCritical} critical
                </Badge>
                <Badge color="orange" size="lg">
                  {c.events.openHigh} high
                </Badge>
                <Text size="sm">{c.events.active} active events</Text>
              </Group>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Sources
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Last success</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.sources.map((s) => (
                    <Table.Tr key={s.name}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.lastSuccessAt ? new Date(s.lastSuccessAt).toLocaleString() : 'never'}</Table.Td>
                      <Table.Td>{s.lastErrorCode ?? (s.isActive ? 'ok' : 'off')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
        )}
      </QueryState>
    </Stack>
  );
}
