import { Alert, Anchor, Button, Group, Image, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
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

async function sha256Hex(blob: Blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Proof = { id: string; revision: number; sha256: string; pageCount: number; url: string; createdAt: string };

/**
 * The latest proof of an order: its pages as thumbnails, the PDF, and approve / reject with a comment.
 * The buttons appear only when the API offers the action to this user (never to a viewer).
 */
export function ProofViewer({ tenantId, order }: { tenantId: string; order: Order }) {
  const path = { tenantId, orderId: order.id };
  const proofs = useQuery({
    queryKey: ['proofs', order.id, order.status],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/orders/{orderId}/proofs', { params: { path } })),
  });
  const latest = proofs.data?.proofs[0];
  if (proofs.isError) return <ProblemAlert error={proofs.error} title="The proofs could not be loaded" />;
  if (!latest || !proofs.data) return null;
  const { approvals } = proofs.data;
  return (
    <Stack>
      {/* Keyed by the proof: a new revision starts with an empty comment and a fresh check of its file. */}
      <LatestProof key={latest.id} tenantId={tenantId} order={order} proof={latest} />
      {approvals.length > 0 && (
        <Stack gap={4}>
          {approvals.map((a) => (
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

function LatestProof({ tenantId, order, proof }: { tenantId: string; order: Order; proof: Proof }) {
  const queryClient = useQueryClient();
  const can = (action: string) => order.availableActions.some((a) => a.action === action);
  const deciding = can('approve') || can('reject');
  const thumbnails = useQuery({
    queryKey: ['proof-thumbnails', proof.id],
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
  // The PDF itself, shown inline while it waits for a decision (the API's own answers may not be framed, so
  // as a blob), and checked: a decision names the SHA-256 of the file on screen, so it can only be taken
  // once that file is here and is the proof the API lists.
  const pdf = useQuery({
    queryKey: ['proof-pdf', proof.id],
    enabled: deciding,
    staleTime: Infinity,
    queryFn: async () => {
      const res = await fetch(sameOrigin(proof.url));
      if (!res.ok) throw new Error(`The proof PDF could not be fetched (HTTP ${res.status}); reload the page.`);
      const blob = await res.blob();
      if ((await sha256Hex(blob)) !== proof.sha256)
        throw new Error('The PDF received is not the proof on record; reload the page before deciding.');
      return blob;
    },
  });
  const pdfUrl = useObjectUrl(pdf.data);
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: 'approved' | 'rejected') =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/orders/{orderId}/approval', {
          params: { path: { tenantId, orderId: order.id }, header: { 'if-match': ifMatchOf(order) } },
          body: {
            decision,
            proofId: proof.id,
            proofSha256: proof.sha256,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setComment('');
      void queryClient.invalidateQueries({ queryKey: ['order', order.id] });
    },
  });
  const checked = !!pdf.data;
  return (
    <Stack>
      <Title order={2} size="h4">
        Proof {proof.revision} ({proof.pageCount} {proof.pageCount === 1 ? 'page' : 'pages'})
      </Title>
      <Text size="sm" c="dimmed">
        Made {dateTime(proof.createdAt)} from the first letters of your list and those that stress the layout,
        watermarked PROOF.{' '}
        <Anchor href={sameOrigin(proof.url)} target="_blank" rel="noopener">
          Open the PDF
        </Anchor>
      </Text>
      <ProblemAlert error={thumbnails.error} title="The page pictures could not be loaded" />
      {thumbnails.data && thumbnails.data.length > 0 && (
        <SimpleGrid cols={{ base: 3, md: 6 }} aria-label="Proof pages">
          {thumbnails.data.map((src, i) => (
            <Anchor key={src} href={sameOrigin(proof.url)} target="_blank" rel="noopener">
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
      {deciding && pdf.isError && (
        <Alert color="red" role="alert" title="The proof cannot be checked">
          {pdf.error.message}
        </Alert>
      )}
      {pdfUrl && deciding && (
        <iframe
          title={`Proof ${proof.revision} (PDF)`}
          src={pdfUrl}
          style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-4)' }}
        />
      )}
      {deciding && (
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
                disabled={!checked}
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
                disabled={!checked || !comment.trim()}
                onClick={() => decide.mutate('rejected')}
                loading={decide.isPending && decide.variables === 'rejected'}
              >
                Reject proof
              </Button>
            )}
            {!checked && !pdf.isError && <Text size="sm">Loading the proof to check it…</Text>}
          </Group>
          <ProblemAlert error={decide.error} title="The decision was not recorded" />
        </Stack>
      )}
    </Stack>
  );
}
