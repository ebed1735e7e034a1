import { Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, dataOf } from '../api/client';
import type { paths } from '../api/generated/openapi';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

type ProviderInput = paths['/api/tenants/{tenantId}/providers']['post']['requestBody']['content']['application/json'];
type Provider = ProviderInput & { id: string };
const EMPTY: ProviderInput = {
  npi: '',
  firstName: '',
  middleName: null,
  lastName: '',
  dateOfBirth: '',
  licenseState: '',
  licenseNumber: '',
  specialty: null,
};

/**
 * The provider roster that is screened (owners and ops admins edit it): NPI, name, date of birth and
 * licence, the keys the exclusion lists are matched on. A change is screened again at once.
 */
export function RosterCard({ tenantId, canEdit }: { tenantId: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const providers = useQuery({
    queryKey: ['providers', tenantId],
    queryFn: async () => dataOf(await api.GET('/api/tenants/{tenantId}/providers', { params: { path: { tenantId } } })),
  });
  const [editing, setEditing] = useState<Provider | ProviderInput | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['providers', tenantId] });
    void queryClient.invalidateQueries({ queryKey: ['screenings', tenantId] });
  };
  const remove = useMutation({
    mutationFn: async (providerId: string) =>
      dataOf(
        await api.DELETE('/api/tenants/{tenantId}/providers/{providerId}', {
          params: { path: { tenantId, providerId } },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Provider roster
        </Title>
        {canEdit && (
          <Button size="compact-sm" onClick={() => setEditing(EMPTY)}>
            Add provider
          </Button>
        )}
      </Group>
      <ProblemAlert error={remove.error} />
      <QueryState query={providers}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No providers yet: add each clinician the practice bills for.</Text>
          ) : (
            <Table aria-label="Provider roster">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>NPI</Table.Th>
                  <Table.Th>Licence</Table.Th>
                  <Table.Th>Specialty</Table.Th>
                  {canEdit && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{[p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ')}</Table.Td>
                    <Table.Td>{p.npi}</Table.Td>
                    <Table.Td>
                      {p.licenseState} {p.licenseNumber}
                    </Table.Td>
                    <Table.Td>{p.specialty ?? '—'}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={`Edit ${p.firstName} ${p.lastName}`}
                            onClick={() => setEditing(p)}
                          >
                            Edit
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="outline"
                            color="red"
                            aria-label={`Remove ${p.firstName} ${p.lastName}`}
                            onClick={() =>
                              window.confirm(
                                `Remove ${p.firstName} ${p.lastName} from the roster? Screening stops for them.`,
                              ) && remove.mutate(p.id)
                            }
                          >
                            Remove
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <ProviderDialog
        tenantId={tenantId}
        provider={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
    </Card>
  );
}

function ProviderDialog({
  tenantId,
  provider,
  onClose,
  onSaved,
}: {
  tenantId: string;
  provider: Provider | ProviderInput | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  return (
    <Modal
      opened={!!provider}
      onClose={onClose}
      title={provider && 'id' in provider ? 'Edit provider' : 'Add provider'}
      size="lg"
    >
      {provider && (
        <ProviderForm
          key={'id' in provider ? provider.id : 'new'}
          tenantId={tenantId}
          provider={provider}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function ProviderForm({
  tenantId,
  provider,
  onSaved,
}: {
  tenantId: string;
  provider: Provider | ProviderInput;
  onSaved: () => void;
}) {
  const [form, setForm] = useState<ProviderInput>(() => {
    const { npi, firstName, middleName, lastName, dateOfBirth, licenseState, licenseNumber, specialty } = provider;
    return { npi, firstName, middleName, lastName, dateOfBirth, licenseState, licenseNumber, specialty };
  });
  const field = (name: keyof ProviderInput) => ({
    value: form[name] ?? '',
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
    },
  });
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, middleName: form.middleName || null, specialty: form.specialty || null };
      return 'id' in provider
        ? dataOf(
            await api.PUT('/api/tenants/{tenantId}/providers/{providerId}', {
              params: { path: { tenantId, providerId: provider.id } },
              body,
            }),
          )
        : dataOf(await api.POST('/api/tenants/{tenantId}/providers', { params: { path: { tenantId } }, body }));
    },
    onSuccess: onSaved,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="First name" required {...field('firstName')} />
          <TextInput label="Middle name" {...field('middleName')} />
          <TextInput label="Last name" required {...field('lastName')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="NPI" required inputMode="numeric" maxLength={10} {...field('npi')} />
          <TextInput label="Date of birth" type="date" required {...field('dateOfBirth')} />
          <TextInput label="Specialty" {...field('specialty')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Licence state" required maxLength={2} {...field('licenseState')} />
          <TextInput label="Licence number" required {...field('licenseNumber')} />
        </SimpleGrid>
        <ProblemAlert error={save.error} title="Not saved" />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
