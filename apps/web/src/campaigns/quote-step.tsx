import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime, dollars } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';

const POSTAGE = [
  { value: 'first_class', label: 'First-Class Mail' },
  { value: 'marketing', label: 'Marketing Mail' },
  { value: 'certified_return_receipt', label: 'Certified, return receipt' },
] as const;
type Postage = (typeof POSTAGE)[number]['value'];

/** Step 4: the price (a quote that does not change until it expires), then the order. */
export function QuoteStep({
  practiceId,
  projectId,
  listId,
}: {
  practiceId: string;
  projectId: string;
  listId: string;
}) {
  const navigate = useNavigate();
  const [pages, setPages] = useState<number>(1);
  const [postageClass, setPostageClass] = useState<Postage>('first_class');
  const [color, setColor] = useState(false);
  const [duplex, setDuplex] = useState(false);
  const quote = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/quotes', {
          params: { path: { tenantId: practiceId } },
          body: { projectId, listId, options: { pages, postageClass, color, duplex } },
        }),
      ),
  });
  // One key per quote: a double click or a retried request places one order.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const order = useMutation({
    mutationFn: async (quoteId: string) =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/orders', {
          params: { path: { tenantId: practiceId } },
          headers: { 'idempotency-key': `${idempotencyKey}-${quoteId}` },
          body: { quoteId, place: true },
        }),
      ),
    onSuccess: (placed) => void navigate({ to: '/orders/$orderId', params: { orderId: placed.id } }),
  });

  return (
    <Stack>
      <Group align="end">
        <NumberInput
          label="Pages per letter"
          min={1}
          max={10}
          value={pages}
          onChange={(v) => setPages(Number(v) || 1)}
          w={140}
        />
        <NativeSelect
          label="Postage"
          data={[...POSTAGE]}
          value={postageClass}
          onChange={(e) => setPostageClass(e.currentTarget.value as Postage)}
          w={240}
        />
        <Checkbox label="Colour" checked={color} onChange={(e) => setColor(e.currentTarget.checked)} />
        <Checkbox label="Both sides" checked={duplex} onChange={(e) => setDuplex(e.currentTarget.checked)} />
        <Button variant="default" onClick={() => quote.mutate()} loading={quote.isPending}>
          Get a quote
        </Button>
      </Group>
      <ProblemAlert error={quote.error} title="No quote" />
      {quote.data && (
        <Stack>
          <Table withTableBorder aria-label="Quote">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Each</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quote.data.lines.map((l) => (
                <Table.Tr key={l.code}>
                  <Table.Td>{l.description}</Table.Td>
                  <Table.Td ta="right">{l.quantity.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">{dollars(l.unitCents)}</Table.Td>
                  <Table.Td ta="right">{dollars(l.totalCents)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th colSpan={3}>Total for {quote.data.recipients.toLocaleString()} letters</Table.Th>
                <Table.Th ta="right">{dollars(quote.data.totalCents)}</Table.Th>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            This price holds until {dateTime(quote.data.expiresAt)}. You approve a proof before anything is printed.
          </Text>
          <ProblemAlert error={order.error} title="The order was not placed" />
          <Group>
            <Button onClick={() => order.mutate(quote.data.id)} loading={order.isPending}>
              Place the order
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
