import { Anchor, Button, Group, Image, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { useObjectUrl } from '../ui/use-object-url';
import { ifMatchOf, type Order } from './order-actions';

/** A signed link as a path on this origin (the API signs absolute URLs on its public base URL). */
const sameOrigin = (url: string) => {
  const u = new URL(url, window.location.origin);
  return u.pathname + u.search;
};

/**
 * The latest proof of an order: its pages as thumbnails, the PDF, and approve / reject with a comment.
 * The buttons appear only when the API offers the action to this user (never to a viewer), and the
 * decision names the proof and the SHA-256 of the file shown, so a newer proof is never approved unseen.
 */
export function ProofViewer({ tenantId, order }: { tenantId: string; order: Order }) {
  const queryClient = useQueryClient();
  const path = { tenantId, orderId: order.id };
  const proofs = useQuery({
    queryKey: ['proofs', order.id, order.status],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/orders/{orderId}/proofs', { params: { path } })),
  });
  const latest = proofs.data?.proofs[0];
  const thumbnails = useQuery({
    queryKey: ['proof-thumbnails', latest?.id],
    enabled: !!latest,
    queryFn: async () => {
      const jobs = dataOf(
        await api.GET('/api/tenants/{tenantId}/proof/jobs', {
          params: { path: { tenantId }, query: { orderId: order.id } },
        }),
      );
      // Newest first: the latest finished proof job made the latest proof.
      const job = jobs.find((j) => j.kind === 'proof' && j.state === 'done');
      if (!job) return [];
      const files = dataOf(
        await api.GET('/api/tenants/{tenantId}/proof/download/{jobId}', {
          params: { path: { tenantId, jobId: job.id } },
        }),
      );
      return files.thumbnails.map(sameOrigin);
    },
  });
  // The PDF itself, shown inline: fetched as a blob (the API's own answers may not be framed).
  const deciding = order.availableActions.some((a) => a.action === 'approve' || a.action === 'reject');
  const pdf = useQuery({
    queryKey: ['proof-pdf', latest?.id],
    enabled: !!latest && deciding,
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch(sameOrigin(latest!.url));
      if (!res.ok) throw new Error(`The proof could not be fetched (HTTP ${res.status}).`);
      return res.blob();
    },
  });
  const pdfUrl = useObjectUrl(pdf.data);
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: 'approved' | 'rejected') =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/orders/{orderId}/approval', {
          params: { path, header: { 'if-match': ifMatchOf(order) } },
          body: {
            decision,
            proofId: latest!.id,
            proofSha256: latest!.sha256,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['order', order.id] }),
  });
  const can = (action: string) => order.availableActions.some((a) => a.action === action);

  if (!latest) return null;
  return (
    <Stack>
      <Title order={2} size="h4">
        Proof {latest.revision} ({latest.pageCount} {latest.pageCount === 1 ? 'page' : 'pages'})
      </Title>
      <Text size="sm" c="dimmed">
        Made {dateTime(latest.createdAt)} from the first letters of your list and those that stress the layout,
        watermarked PROOF.{' '}
        <Anchor href={sameOrigin(latest.url)} target="_blank" rel="noopener">
          Open the PDF
        </Anchor>
      </Text>
      {thumbnails.data && thumbnails.data.length > 0 && (
        <SimpleGrid cols={{ base: 3, md: 6 }} aria-label="Proof pages">
          {thumbnails.data.map((src, i) => (
            <Anchor key={src} href={sameOrigin(latest.url)} target="_blank" rel="noopener">
              <Image
                src={src}
                alt={`Proof page ${i + 1}`}
                radius="sm"
                style={{ border: '1px solid var(--mantine-color-gray-4)' }}
              />
            </Anchor>
          ))}
        </SimpleGrid>
      )}
      {/* The whole PDF inline while it waits for a decision; after it, the pages and the link are enough. */}
      {pdfUrl && (can('approve') || can('reject')) && (
        <iframe
          title={`Proof ${latest.revision} (PDF)`}
          src={pdfUrl}
          style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-4)' }}
        />
      )}
      {(can('approve') || can('reject')) && (
        <Stack maw={560}>
          <Textarea
            label="Comment"
            description="Required to reject: say what to change"
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group>
            {can('approve') && (
              <Button
                color="teal"
                onClick={() => decide.mutate('approved')}
                loading={decide.isPending && decide.variables === 'approved'}
              >
                Approve proof
              </Button>
            )}
            {can('reject') && (
              <Button
                color="red"
                variant="outline"
                disabled={!comment.trim()}
                onClick={() => decide.mutate('rejected')}
                loading={decide.isPending && decide.variables === 'rejected'}
              >
                Reject proof
              </Button>
            )}
          </Group>
          <ProblemAlert error={decide.error} title="The decision was not recorded" />
        </Stack>
      )}
      {proofs.data && proofs.data.approvals.length > 0 && (
        <Stack gap={4}>
          {proofs.data.approvals.map((a) => (
            <Text key={`${a.proofId}-${a.createdAt}`} size="sm">
              {a.decision === 'approved' ? 'Approved' : 'Rejected'} {dateTime(a.createdAt)}
              {a.comment && `: “${a.comment}”`}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
