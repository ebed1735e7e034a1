import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';
import { UsersTab } from '../settings/users-tab';

const PAGE = 50;

/**
 * The ops console's practices: search, provision a new one (its owner is invited by email), suspend or
 * reactivate (a suspended practice's sessions and keys stop working at once). Ops admins change; agents read.
 */
export function PracticesPage() {
  const queryClient = useQueryClient();
  const admin = useMe().data?.role === 'ops_admin';
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const practices = useQuery({
    queryKey: ['ops-practices', term, offset],
    queryFn: async () =>
      dataOf(
        await api.GET('/api/ops/tenants', {
          params: { query: { limit: PAGE, offset, ...(term ? { search: term } : {}) } },
        }),
      ),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['ops-practices'] });
  const [name, setName] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const [orgNpi, setOrgNpi] = useState('');
  const [usersOf, setUsersOf] = useState<{ id: string; name: string } | null>(null);
  const provision = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/ops/tenants', {
          body: {
            name: name.trim(),
            ownerEmail: ownerEmail.trim(),
            ...(orgNpi.trim() ? { orgNpi: orgNpi.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      setName('');
      setOwnerEmail('');
      setOrgNpi('');
      refresh();
    },
  });
  const setStatus = useMutation({
    mutationFn: async ({ tenantId, suspend }: { tenantId: string; suspend: boolean }) =>
      dataOf(
        suspend
          ? await api.POST('/api/ops/tenants/{tenantId}/suspend', { params: { path: { tenantId } } })
          : await api.POST('/api/ops/tenants/{tenantId}/reactivate', { params: { path: { tenantId } } }),
      ),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    provision.mutate();
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        Practices
      </Title>
      {admin && (
        <form onSubmit={submit} aria-label="New practice">
          <Group align="end">
            <TextInput label="Practice name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput
              label="Owner's email"
              type="email"
              required
              value={ownerEmail}
              onChange={(e) => setOwnerEmail(e.currentTarget.value)}
            />
            <TextInput
              label="Organisation NPI"
              value={orgNpi}
              onChange={(e) => setOrgNpi(e.currentTarget.value)}
              w={160}
            />
            <Button type="submit" loading={provision.isPending} disabled={!name.trim() || !ownerEmail.trim()}>
              Provision
            </Button>
          </Group>
        </form>
      )}
      {provision.isSuccess && <Text size="sm">Provisioned; the owner was invited by email.</Text>}
      <ProblemAlert error={provision.error ?? setStatus.error} />
      <TextInput
        label="Search"
        placeholder="Name or NPI"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setOffset(0);
        }}
        w={320}
      />
      <QueryState query={practices}>
        {(page) => (
          <Stack>
            <Table striped aria-label="Practices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>NPI</Table.Th>
                  <Table.Th>Time zone</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Since</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{p.orgNpi ?? '—'}</Table.Td>
                    <Table.Td>{p.timezone}</Table.Td>
                    <Table.Td>
                      <Badge color={p.status === 'active' ? 'green' : 'gray'}>{p.status}</Badge>
                    </Table.Td>
                    <Table.Td>{dateTime(p.createdAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Users of ${p.name}`}
                          onClick={() => setUsersOf({ id: p.id, name: p.name })}
                        >
                          Users
                        </Button>
                        {admin && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`${p.status === 'active' ? 'Suspend' : 'Reactivate'} ${p.name}`}
                            onClick={() =>
                              (p.status !== 'active' ||
                                window.confirm(`Suspend ${p.name}? Its users and API keys stop working at once.`)) &&
                              setStatus.mutate({ tenantId: p.id, suspend: p.status === 'active' })
                            }
                          >
                            {p.status === 'active' ? 'Suspend' : 'Reactivate'}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </Button>
              <Text size="sm">
                {page.total === 0 ? 'None' : `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}`}
              </Text>
              <Button variant="default" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
      <Modal
        opened={!!usersOf}
        onClose={() => setUsersOf(null)}
        title={usersOf ? `Users of ${usersOf.name}` : ''}
        size="xl"
      >
        {usersOf && <UsersTab tenantId={usersOf.id} canManage={admin} />}
      </Modal>
    </Stack>
  );
}
