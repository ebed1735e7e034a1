import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { QueryState } from '../ui/query-state';

type Channel = 'email' | 'sms';
const CHANNELS: Channel[] = ['email', 'sms'];

/**
 * The practice's channels per topic (the owner's choice for everyone; each user may still choose their
 * own under "My notifications").
 */
export function PracticeNotificationsTab({ tenantId }: { tenantId: string }) {
  const queryClient = useQueryClient();
  const path = { tenantId };
  const prefs = useQuery({
    queryKey: ['practice-preferences', tenantId],
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/notifications/preferences', { params: { path } })),
  });
  const [topics, setTopics] = useState<Record<string, Channel[]>>({});
  useEffect(() => {
    if (prefs.data)
      setTopics(Object.fromEntries(prefs.data.topics.map((t) => [t.topic, t.practiceChannels ?? t.defaultChannels])));
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/tenants/{tenantId}/notifications/preferences', { params: { path }, body: { topics } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['practice-preferences', tenantId] });
      void queryClient.invalidateQueries({ queryKey: ['my-preferences', tenantId] });
    },
  });
  const toggle = (topic: string, channel: Channel, on: boolean) =>
    setTopics((all) => {
      const current = all[topic] ?? [];
      return { ...all, [topic]: on ? [...new Set([...current, channel])] : current.filter((c) => c !== channel) };
    });
  return (
    <QueryState query={prefs}>
      {(p) => (
        <Stack maw={720}>
          <Text size="sm">What everyone in the practice hears about, and how, unless they choose otherwise.</Text>
          <Table aria-label="Practice notifications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Topic</Table.Th>
                {CHANNELS.map((c) => (
                  <Table.Th key={c}>{c === 'sms' ? 'SMS' : 'Email'}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.topics.map((t) => (
                <Table.Tr key={t.topic}>
                  <Table.Td>{t.title}</Table.Td>
                  {CHANNELS.map((c) => (
                    <Table.Td key={c}>
                      <Checkbox
                        aria-label={`${t.title} by ${c} for the practice`}
                        checked={(topics[t.topic] ?? []).includes(c)}
                        onChange={(e) => toggle(t.topic, c, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ProblemAlert error={save.error} title="Not saved" />
          {save.isSuccess && <Text size="sm">Saved.</Text>}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Save the practice's notifications
            </Button>
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}
