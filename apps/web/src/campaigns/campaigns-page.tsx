import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, dataOf } from '../api/client';
import { useMe } from '../api/me';
import { dateTime } from '../ui/format';
import { QueryState } from '../ui/query-state';
import { letterTypeLabel } from './letter-types';

import { CAN_START } from './campaign-roles';

/** The practice's campaigns, newest first, and the way to start one. */
export function CampaignsPage() {
  const me = useMe();
  const practiceId = me.data?.practice?.id;
  const projects = useQuery({
    queryKey: ['projects', practiceId],
    enabled: !!practiceId,
    queryFn: async () =>
      dataOf(
        await api.GET('/api/tenants/{tenantId}/projects', {
          params: { path: { tenantId: practiceId! }, query: { archived: false, limit: 50 } },
        }),
      ),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Campaigns
        </Title>
        {CAN_START.has(me.data?.role ?? '') && (
          <Button component={Link} to="/campaigns/new">
            New campaign
          </Button>
        )}
      </Group>
      <QueryState query={projects}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">No campaigns yet. A campaign is one letter to a list of patients.</Text>
          ) : (
            <Table striped aria-label="Campaigns">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Letter</Table.Th>
                  <Table.Th>Started</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{letterTypeLabel(p.letterType)}</Table.Td>
                    <Table.Td>{dateTime(p.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}
