import { Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { SecretOnce } from './secret-once';
import { WebhookDeliveries } from './webhook-deliveries';
import { WEBHOOK_TOPICS } from './webhook-topics';

/**
 * Webhook endpoints of partner systems (Standard Webhooks): add one (its signing secret shown once), rotate
 * the secret (the old one stays valid 24 h), send a test, switch off or remove, and follow its deliveries.
 */
export function WebhooksTab({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const path = { tenantId };
  const endpoints = useQuery({
    queryKey: ['webhooks', tenantId],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/notifications/webhooks', { params: { path } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['webhooks', tenantId] });
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [topics, setTopics] = useState<string[]>(['order.status-changed']);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/notifications/webhooks', {
          params: { path },
          body: { url: url.trim(), description: description.trim(), topics },
        }),
      ),
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack>
      {canManage && (
        <form onSubmit={submit} aria-label="New webhook endpoint">
          <Stack maw={560}>
            <TextInput
              label="Endpoint URL"
              description="https, reachable from the internet"
              type="url"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
            />
            <TextInput
              label="Description"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Checkbox.Group label="Events" value={topics} onChange={setTopics}>
              <Stack gap={6} mt={6}>
                {WEBHOOK_TOPICS.map((t) => (
                  <Checkbox key={t.value} value={t.value} label={`${t.label} (${t.value})`} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!url.trim() || topics.length === 0}>
                Add endpoint
              </Button>
            </Group>
            <ProblemAlert error={create.error} title="The endpoint was not added" />
          </Stack>
        </form>
      )}
      <QueryState query={endpoints}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No webhook endpoints.</Text>
          ) : (
            <Stack>
              {page.items.map((e) => (
                <Endpoint
                  key={e.id}
                  tenantId={tenantId}
                  endpoint={e}
                  canManage={canManage}
                  onChanged={refresh}
                  onSecret={setSecret}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <SecretOnce title="The endpoint's signing secret" secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}

interface EndpointView {
  id: string;
  url: string;
  description: string;
  topics: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretValidUntil: string | null;
}

function Endpoint({
  tenantId,
  endpoint: e,
  canManage,
  onChanged,
  onSecret,
}: {
  tenantId: string;
  endpoint: EndpointView;
  canManage: boolean;
  onChanged: () => void;
  onSecret: (secret: string) => void;
}) {
  const path = { tenantId, endpointId: e.id };
  const rotate = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/notifications/webhooks/{endpointId}/rotate-secret', {
          params: { path },
        }),
      ),
    onSuccess: (answer) => {
      onSecret(answer.secret);
      onChanged();
    },
  });
  const test = useMutation({
    mutationFn: async () =>
      dataOf(await api.POST('/api/tenants/{tenantId}/notifications/webhooks/{endpointId}/test', { params: { path } })),
  });
  const toggle = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PATCH('/api/tenants/{tenantId}/notifications/webhooks/{endpointId}', {
          params: { path },
          body: { enabled: !e.enabled },
        }),
      ),
    onSuccess: onChanged,
  });
  const remove = useMutation({
    mutationFn: async () =>
      dataOf(await api.DELETE('/api/tenants/{tenantId}/notifications/webhooks/{endpointId}', { params: { path } })),
    onSuccess: onChanged,
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5" style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Title>
          {e.enabled ? <Badge color="green">enabled</Badge> : <Badge color="gray">disabled</Badge>}
        </Group>
        {e.description && <Text size="sm">{e.description}</Text>}
        <Text size="xs">Events: {e.topics.join(', ')}</Text>
        {e.failingSince && (
          <Text size="sm" c="red.9">
            Failing since {dateTime(e.failingSince)}.
          </Text>
        )}
        {e.disabledReason && (
          <Text size="sm" c="red.9">
            Disabled: {e.disabledReason}
          </Text>
        )}
        {e.previousSecretValidUntil && (
          <Text size="xs">The previous secret still verifies until {dateTime(e.previousSecretValidUntil)}.</Text>
        )}
        {canManage && (
          // Each button names its endpoint: a screen reader listing buttons hears which one it acts on.
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant="default"
              aria-label={`Send a test to ${e.url}`}
              onClick={() => test.mutate()}
              loading={test.isPending}
            >
              Send a test
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              aria-label={`Rotate secret of ${e.url}`}
              onClick={() =>
                window.confirm('Rotate the signing secret? The current one keeps verifying for 24 hours.') &&
                rotate.mutate()
              }
              loading={rotate.isPending}
            >
              Rotate secret
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              aria-label={`${e.enabled ? 'Disable' : 'Enable'} ${e.url}`}
              onClick={() => toggle.mutate()}
              loading={toggle.isPending}
            >
              {e.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button
              size="compact-sm"
              color="red"
              variant="outline"
              aria-label={`Remove ${e.url}`}
              onClick={() =>
                window.confirm(`Remove the endpoint ${e.url}? Nothing more is sent to it.`) && remove.mutate()
              }
              loading={remove.isPending}
            >
              Remove
            </Button>
          </Group>
        )}
        {test.isSuccess && <Text size="sm">Test message queued; it shows below within seconds.</Text>}
        <ProblemAlert error={rotate.error ?? test.error ?? toggle.error ?? remove.error} />
        <WebhookDeliveries tenantId={tenantId} endpointId={e.id} canReplay={canManage} />
      </Stack>
    </Card>
  );
}
