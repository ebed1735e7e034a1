import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import { dateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

const ROLES = [
  { value: 'owner', label: 'Owner (everything, users and keys)' },
  { value: 'approver', label: 'Approver (orders and proofs)' },
  { value: 'viewer', label: 'Viewer (reads only)' },
] as const;
type Role = (typeof ROLES)[number]['value'];

/** The practice's users: invite by email with a role, change a role, suspend or reactivate. */
export function UsersTab({ tenantId, canManage }: { tenantId: string; canManage: boolean }) {
  const queryClient = useQueryClient();
  const path = { tenantId };
  const users = useQuery({
    queryKey: ['users', tenantId],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/users', { params: { path } })),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users', tenantId] });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const invite = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/tenants/{tenantId}/users', { params: { path }, body: { email: email.trim(), role } }),
      ),
    onSuccess: () => {
      setEmail('');
      refresh();
    },
  });
  const change = useMutation({
    mutationFn: async ({ userId, ...body }: { userId: string; role?: Role; status?: 'active' | 'suspended' }) =>
      dataOf(
        await api.PATCH('/api/tenants/{tenantId}/users/{userId}', { params: { path: { tenantId, userId } }, body }),
      ),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate();
  };
  return (
    <Stack>
      {canManage && (
        <form onSubmit={submit}>
          <Group align="end">
            <TextInput
              label="Invite by email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              w={300}
            />
            <NativeSelect
              label="Role"
              data={[...ROLES]}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
            />
            <Button type="submit" loading={invite.isPending} disabled={!email.trim()}>
              Send invitation
            </Button>
          </Group>
        </form>
      )}
      {invite.isSuccess && (
        <Text size="sm">
          Invitation sent to {invite.data.email}; its link works until {dateTime(invite.data.inviteExpiresAt)}.
        </Text>
      )}
      <ProblemAlert error={invite.error ?? change.error} />
      <QueryState query={users}>
        {(page) => (
          <Table striped aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Since</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <RoleChange
                        email={u.email}
                        role={u.role as Role}
                        pending={change.isPending && change.variables?.userId === u.id}
                        onSave={(role) => change.mutate({ userId: u.id, role })}
                      />
                    ) : (
                      u.role
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={u.status === 'active' ? 'green' : 'gray'}>{u.status}</Badge>
                  </Table.Td>
                  <Table.Td>{dateTime(u.createdAt)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={`${u.status === 'suspended' ? 'Reactivate' : 'Suspend'} ${u.email}`}
                        onClick={() =>
                          (u.status === 'suspended' ||
                            window.confirm(`Suspend ${u.email}? Their sessions end at once.`)) &&
                          change.mutate({ userId: u.id, status: u.status === 'suspended' ? 'active' : 'suspended' })
                        }
                      >
                        {u.status === 'suspended' ? 'Reactivate' : 'Suspend'}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * A role is changed by choosing it and then saving: choosing alone (an arrow key on a closed select moves
 * the choice) changes nothing.
 */
function RoleChange({
  email,
  role,
  pending,
  onSave,
}: {
  email: string;
  role: Role;
  pending: boolean;
  onSave: (role: Role) => void;
}) {
  const [chosen, setChosen] = useState<Role>(role);
  return (
    <Group gap={4} wrap="nowrap">
      <NativeSelect
        aria-label={`Role of ${email}`}
        data={ROLES.map((r) => ({ value: r.value, label: r.value }))}
        value={chosen}
        onChange={(e) => setChosen(e.currentTarget.value as Role)}
      />
      {chosen !== role && (
        <Button
          size="compact-sm"
          aria-label={`Save the role of ${email}`}
          loading={pending}
          onClick={() => onSave(chosen)}
        >
          Save
        </Button>
      )}
    </Group>
  );
}
