import { Badge, Button, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, dataOf } from '../api/client';
import { usePracticeId } from '../api/me';
import { dateTime, dollars, orderStatusColor, words } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { saveBlob } from '../ui/save-blob';
import { fetchOrder, orderIsSettled, runOrderAction, type Order } from './order-actions';
import { JobProblem } from './job-problem';
import { ProofViewer } from './proof-viewer';

/** How often an open order page asks for news: the proof arriving, production, the mailing, scans. */
const LIVE_MS = 2_000;

/** One order: its status live, the proof to decide on, the timeline, mail tracking and the invoice. */
export function OrderPage() {
  const { orderId } = useParams({ from: '/signed-in/orders/$orderId' });
  const tenantId = usePracticeId();
  const order = useQuery({
    queryKey: ['order', orderId],
    enabled: !!tenantId,
    queryFn: () => fetchOrder(tenantId!, orderId),
    // Stops once the order cannot change any more, or while the API refuses (the error is shown instead).
    refetchInterval: (q) =>
      q.state.status === 'error' || (q.state.data && orderIsSettled(q.state.data.status)) ? false : LIVE_MS,
  });
  if (!tenantId) return null;
  return (
    <QueryState query={order}>
      {(o) => (
        <Stack>
          <Group>
            <Title order={1} size="h2">
              Order #{o.number}
            </Title>
            <Badge size="lg" color={orderStatusColor(o.status)} aria-live="polite" data-testid="order-status">
              {words(o.status)}
            </Badge>
          </Group>
          {o.problem && <JobProblem tenantId={tenantId} order={o} />}
          {(o.status === 'ordered' || o.status === 'proof_pending') && !o.problem && (
            <Group gap="xs">
              <Loader size="sm" aria-hidden />
              <Text>The proof is being made; it appears here by itself.</Text>
            </Group>
          )}
          <ProofViewer tenantId={tenantId} order={o} />
          <OrderActions tenantId={tenantId} order={o} />
          {(o.status === 'mailed' || o.status === 'completed') && <Mailing tenantId={tenantId} order={o} />}
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Timeline
            </Title>
            <Timeline bulletSize={14} lineWidth={2} active={(o.timeline?.length ?? 1) - 1}>
              {(o.timeline ?? []).map((t) => (
                <Timeline.Item
                  key={`${t.at}-${t.to}-${t.kind}`}
                  color={t.kind === 'problem' ? 'red' : undefined}
                  title={t.kind === 'problem' ? `Problem: ${t.code}` : words(t.to)}
                >
                  <Text size="xs" c="dimmed">
                    {dateTime(t.at)} · {t.actorKind}
                    {t.reason && ` · ${t.reason}`}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}

/** Cancelling, for a practice user while the cancel window is open (the API says when). */
function OrderActions({ tenantId, order }: { tenantId: string; order: Order }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => runOrderAction(tenantId, order, 'cancel', { reason: 'Cancelled by the practice' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['order', order.id] }),
  });
  if (!order.availableActions.some((a) => a.action === 'cancel')) return null;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        You can cancel until {dateTime(order.cancelWindowEndsAt)}.
      </Text>
      <Group>
        <Button
          variant="default"
          color="red"
          onClick={() =>
            window.confirm(`Cancel order #${order.number}? Nothing of it will be printed.`) && cancel.mutate()
          }
          loading={cancel.isPending}
        >
          Cancel order
        </Button>
      </Group>
      <ProblemAlert error={cancel.error} />
    </Stack>
  );
}

/** After the mailing: where the letters are (USPS scans) and the invoice. */
function Mailing({ tenantId, order }: { tenantId: string; order: Order }) {
  const path = { tenantId, orderId: order.id };
  const tracking = useQuery({
    queryKey: ['tracking', order.id],
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/orders/{orderId}/tracking', { params: { path } })),
    refetchInterval: 30_000,
  });
  const invoice = useQuery({
    queryKey: ['order-invoice', order.id],
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/orders/{orderId}/invoice', { params: { path } })),
  });
  const pdf = useMutation({
    mutationFn: async (invoiceId: string) => {
      const answer = await api.GET('/api/tenants/{tenantId}/invoices/{invoiceId}/pdf', {
        params: { path: { tenantId, invoiceId } },
        parseAs: 'blob',
      });
      saveBlob(dataOf(answer) as unknown as Blob, `invoice-${invoice.data?.number ?? invoiceId}.pdf`);
    },
  });
  return (
    <Group align="stretch" grow>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Mail tracking
        </Title>
        <QueryState query={tracking}>
          {(t) => (
            <Stack gap={4}>
              <Text>
                {t.total.toLocaleString()} letters · {t.deliveredPercent}% delivered
              </Text>
              <Group gap="xs">
                {Object.entries(t.byStatus).map(([s, n]) => (
                  <Badge key={s}>
                    {words(s)}: {String(n)}
                  </Badge>
                ))}
              </Group>
              {t.returned.length > 0 && (
                <Text size="sm">Returned to sender (list lines): {t.returned.map((r) => r.row ?? '?').join(', ')}</Text>
              )}
            </Stack>
          )}
        </QueryState>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Invoice
        </Title>
        <QueryState query={invoice}>
          {(i) => (
            <Stack gap="xs">
              <Text>
                Invoice {i.number} · {dollars(i.totalCents)} · issued {dateTime(i.issuedAt)}
              </Text>
              <Group>
                <Button variant="default" onClick={() => pdf.mutate(i.id)} loading={pdf.isPending}>
                  Download the invoice (PDF)
                </Button>
              </Group>
              <ProblemAlert error={pdf.error} />
            </Stack>
          )}
        </QueryState>
      </Card>
    </Group>
  );
}
