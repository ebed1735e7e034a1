import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { fetchOrder, runOrderAction } from '../orders/order-actions';
import { dateTime, dollars, orderStatusColor, words } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

const STATUSES = [
  'approved',
  'in_production',
  'mailed',
  'proof_ready',
  'proof_pending',
  'ordered',
  'completed',
  'cancelled',
  'failed',
] as const;
type Status = (typeof STATUSES)[number];
/** The production step ops takes an order of each status through. */
const NEXT_STEP: Partial<Record<string, { action: 'start_production' | 'mark_mailed' | 'complete'; label: string }>> = {
  approved: { action: 'start_production', label: 'Start production' },
  in_production: { action: 'mark_mailed', label: 'Mark mailed' },
  mailed: { action: 'complete', label: 'Complete' },
};

type QueueItem = { id: string; tenantId: string; number: number; status: string };

/**
 * The ops console's order queue: every practice's orders, those with a failed job first, filtered by status
 * or practice, and the production steps (start, mailed with the letters that could not be mailed, complete).
 */
export function OrderQueuePage() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(null);
  const [mailing, setMailing] = useState<QueueItem | null>(null);
  const practices = useQuery({
    queryKey: ['ops-practices'],
    queryFn: async () => dataOf(await api.GET('/api/ops/tenants', { params: { query: { limit: 100, offset: 0 } } })),
  });
  const queue = useQuery({
    queryKey: ['ops-orders', status, tenantId],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/ops/orders', {
          params: { query: { limit: 100, ...(status ? { status } : {}), ...(tenantId ? { tenantId } : {}) } },
        }),
      ),
    refetchInterval: 5_000,
  });
  const step = useMutation({
    mutationFn: async ({
      item,
      action,
      body,
    }: {
      item: QueueItem;
      action: 'start_production' | 'mark_mailed' | 'complete';
      body?: { undeliverable?: number; reason?: string };
    }) => runOrderAction(item.tenantId, await fetchOrder(item.tenantId, item.id), action, body ?? null),
    onSuccess: () => {
      setMailing(null);
      void queryClient.invalidateQueries({ queryKey: ['ops-orders'] });
    },
  });
  const practiceName = (id: string) => practices.data?.items.find((p) => p.id === id)?.name ?? id.slice(0, 8);

  return (
    <Stack>
      <Title order={1} size="h2">
        Order queue
      </Title>
      <Group align="end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={STATUSES.map((s) => ({ value: s, label: words(s) }))}
          value={status}
          onChange={(v) => setStatus(v as Status | null)}
        />
        <Select
          label="Practice"
          placeholder="Every practice"
          clearable
          searchable
          data={(practices.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={tenantId}
          onChange={setTenantId}
        />
      </Group>
      <ProblemAlert error={mailing ? null : step.error} title="The order was not moved" />
      <QueryState query={queue}>
        {(q) => (
          <Stack>
            <Group gap="xs">
              {Object.entries(q.counts).map(([s, n]) => (
                <Badge key={s} color={orderStatusColor(s)}>
                  {words(s)}: {String(n)}
                </Badge>
              ))}
              {q.problems > 0 && <Badge color="red">{q.problems} with a problem</Badge>}
            </Group>
            {q.items.length === 0 ? (
              <Text c="dimmed">No orders match.</Text>
            ) : (
              <Table striped aria-label="Order queue">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Practice</Table.Th>
                    <Table.Th>Order</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Letters</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                    <Table.Th>Last change</Table.Th>
                    <Table.Th>Next step</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.items.map((o) => {
                    const next = NEXT_STEP[o.status];
                    return (
                      <Table.Tr key={o.id}>
                        <Table.Td>{practiceName(o.tenantId)}</Table.Td>
                        <Table.Td>#{o.number}</Table.Td>
                        <Table.Td>
                          <Badge color={orderStatusColor(o.status)}>{words(o.status)}</Badge>
                          {o.problem && (
                            <Text size="xs" c="red.9">
                              {o.problem.code}
                              {o.problem.row !== null && `, list line ${o.problem.row}`}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{o.recipients.toLocaleString()}</Table.Td>
                        <Table.Td ta="right">{dollars(o.totalCents)}</Table.Td>
                        <Table.Td>{dateTime(o.updatedAt)}</Table.Td>
                        <Table.Td>
                          {next && (
                            <Button
                              size="xs"
                              aria-label={`${next.label}: order ${o.number} of ${practiceName(o.tenantId)}`}
                              loading={step.isPending && step.variables?.item.id === o.id}
                              onClick={() =>
                                next.action === 'mark_mailed'
                                  ? setMailing(o)
                                  : step.mutate({ item: o, action: next.action })
                              }
                            >
                              {next.label}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        )}
      </QueryState>
      {/* Keyed by the order: each order's dialog starts empty, never with the previous one's count. */}
      <MarkMailedDialog
        key={mailing?.id ?? 'none'}
        item={mailing}
        pending={step.isPending}
        error={mailing ? step.error : null}
        onClose={() => {
          setMailing(null);
          step.reset();
        }}
        onConfirm={(body) => mailing && step.mutate({ item: mailing, action: 'mark_mailed', body })}
      />
    </Stack>
  );
}

/** Mailed: how many letters the print house could not mail (credited on the invoice), and why. */
function MarkMailedDialog({
  item,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  item: QueueItem | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (body: { undeliverable?: number; reason?: string }) => void;
}) {
  const [undeliverable, setUndeliverable] = useState<number>(0);
  const [reason, setReason] = useState('');
  return (
    <Modal opened={!!item} onClose={onClose} title={item ? `Order #${item.number} mailed` : ''}>
      <Stack>
        <NumberInput
          label="Letters that could not be mailed"
          description="Credited on the invoice (e.g. caught by NCOA at presort)"
          min={0}
          value={undeliverable}
          onChange={(v) => setUndeliverable(Number(v) || 0)}
        />
        <TextInput
          label="Why"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          disabled={undeliverable === 0}
        />
        <ProblemAlert error={error} title="Not marked mailed" />
        <Button
          loading={pending}
          onClick={() =>
            onConfirm(undeliverable > 0 ? { undeliverable, reason: reason.trim() || 'undeliverable' } : {})
          }
        >
          Mark mailed
        </Button>
      </Stack>
    </Modal>
  );
}
