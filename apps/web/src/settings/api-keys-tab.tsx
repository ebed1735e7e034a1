import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import type { paths } from '../api/generated/openapi';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { SecretOnce } from './secret-once';

type Scope =
  paths['/api/tenants/{tenantId}/api-keys']['post']['requestBody']['content']['application/json']['scopes'][number];
const SCOPES: Array<{ value: Scope; label: string }> = [
  { value: 'orders:read', label: 'Read orders, proofs and invoices' },
  { value: 'orders:write', label: 'Place and manage orders' },
  { value: 'patients:write', label: 'Upload patient lists' },
  { value: 'compliance:read', label: 'Read compliance screenings and the audit trail' },
  { value: 'webhooks:manage', label: 'Manage webhook endpoints' },
];

/** API keys for partner systems: scopes chosen at creation, the key shown once, revocation at any time. */
export function ApiKeysTab({ tenantId, canCreate }: { tenantId: string; canCreate: boolean }) {
  const queryClient = useQueryClient();
  const path = { tenantId };
  const keys = useQuery({
    queryKey: ['api-keys', tenantId],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/api-keys', { params: { path } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['api-keys', tenantId] });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['orders:read']);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/api-keys', { params: { path }, body: { name: name.trim(), scopes } }),
      ),
    onSuccess: (created) => {
      setSecret(created.key);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async (apiKeyId: string) =>
      dataOf(
        await api.DELETE('/api/tenants/{tenantId}/api-keys/{apiKeyId}', { params: { path: { tenantId, apiKeyId } } }),
      ),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack>
      {canCreate && (
        <form onSubmit={submit} aria-label="New API key">
          <Stack maw={520}>
            <TextInput
              label="Name"
              description="Which system uses it, e.g. “EHR bridge”"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Checkbox.Group label="What it may do" value={scopes} onChange={(v) => setScopes(v as Scope[])}>
              <Stack gap={6} mt={6}>
                {SCOPES.map((s) => (
                  <Checkbox key={s.value} value={s.value} label={`${s.label} (${s.value})`} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={create.isPending} disabled={!name.trim() || scopes.length === 0}>
                Create API key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <ProblemAlert error={create.error ?? revoke.error} />
      <QueryState query={keys}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No API keys.</Text>
          ) : (
            <Table striped aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key id</Table.Th>
                  <Table.Th>Scopes</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td ff="monospace">{k.keyId}</Table.Td>
                    <Table.Td>{k.scopes.join(', ')}</Table.Td>
                    <Table.Td>{dateTime(k.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      {k.revokedAt ? <Badge color="gray">revoked</Badge> : <Badge color="green">active</Badge>}
                    </Table.Td>
                    <Table.Td>
                      {!k.revokedAt && (
                        <Button
                          size="compact-sm"
                          color="red"
                          variant="outline"
                          aria-label={`Revoke ${k.name}`}
                          loading={revoke.isPending && revoke.variables === k.id}
                          onClick={() => revoke.mutate(k.id)}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <SecretOnce title="Your new API key" secret={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
