import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, dataOf } from '../api/client';
import { usePracticeId } from '../api/me';
import { dateTime, dollars } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { saveBlob } from '../ui/save-blob';

/** The practice's invoices (one per mailed order), newest first, each as a PDF. */
export function InvoicesPage() {
  const tenantId = usePracticeId();
  const invoices = useQuery({
    queryKey: ['invoices', tenantId],
    enabled: !!tenantId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/invoices', {
          params: { path: { tenantId: tenantId! }, query: { limit: 50 } },
        }),
      ),
  });
  const pdf = useMutation({
    mutationFn: async ({ id, number }: { id: string; number: number }) => {
      const answer = await api.GET('/api/tenants/{tenantId}/invoices/{invoiceId}/pdf', {
        params: { path: { tenantId: tenantId!, invoiceId: id } },
        parseAs: 'blob',
      });
      saveBlob(dataOf(answer) as unknown as Blob, `invoice-${number}.pdf`);
    },
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        Invoices
      </Title>
      <ProblemAlert error={pdf.error} />
      <QueryState query={invoices}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No invoices yet: an order is invoiced when it is mailed.</Text>
          ) : (
            <Table striped aria-label="Invoices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th>Issued</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                  <Table.Th>Order</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.number}</Table.Td>
                    <Table.Td>{dateTime(i.issuedAt)}</Table.Td>
                    <Table.Td ta="right">{dollars(i.totalCents)}</Table.Td>
                    <Table.Td>
                      <Anchor
                        aria-label={`Open the order of invoice ${i.number}`}
                        renderRoot={(props) => (
                          <Link {...props} to="/orders/$orderId" params={{ orderId: i.orderId }} />
                        )}
                      >
                        Open the order
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={`PDF of invoice ${i.number}`}
                        onClick={() => pdf.mutate({ id: i.id, number: i.number })}
                      >
                        PDF
                      </Button>
                    </Table.Td>
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
