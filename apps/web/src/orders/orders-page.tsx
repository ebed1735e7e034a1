import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, dataOf } from '../api/client';
import { usePracticeId } from '../api/me';
import { dateTime, orderStatusColor, words } from '../ui/format';
import { QueryState } from '../ui/query-state';

/** The practice's orders, newest first, each with its status (kept current while the page is open). */
export function OrdersPage() {
  const tenantId = usePracticeId();
  const orders = useQuery({
    queryKey: ['orders', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/orders', {
          params: { path: { tenantId: tenantId! }, query: { limit: 50 } },
        }),
      ),
    refetchInterval: 10_000,
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        Orders
      </Title>
      <QueryState query={orders}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No orders yet. Start a campaign to order letters.</Text>
          ) : (
            <Table striped aria-label="Orders">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Order</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Placed</Table.Th>
                  <Table.Th>Last change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <Anchor
                        renderRoot={(props) => <Link {...props} to="/orders/$orderId" params={{ orderId: o.id }} />}
                      >
                        Order #{o.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={orderStatusColor(o.status)}>{words(o.status)}</Badge>
                      {o.problem && (
                        <Badge color="red" ml="xs">
                          problem
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{dateTime(o.createdAt)}</Table.Td>
                    <Table.Td>{dateTime(o.updatedAt)}</Table.Td>
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
