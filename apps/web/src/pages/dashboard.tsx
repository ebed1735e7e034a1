import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../api/client';
import { QueryState } from './query-state';

const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const status = (s: string) => s.replaceAll('_', ' ');

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

/** The practice's home: orders by state, what was invoiced, open compliance alerts, the sources' freshness. */
export function DashboardPage() {
  const me = useQuery({ queryKey: ['me'], queryFn: async () => dataOf(await api.GET('/api/me')) });
  const tenantId = me.data?.practice?.id;
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
  if (me.data && !tenantId)
    return <Text>The operations console comes with the next step of the web app; the API serves it today.</Text>;
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
                    <Badge key={s} variant="light" size="lg">
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
