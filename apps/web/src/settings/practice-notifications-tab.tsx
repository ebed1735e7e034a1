import { Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { ChannelTable, withChannel, type Channel, type TopicChannels } from './channel-table';
import { QueryState } from '../ui/query-state';

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
  const [topics, setTopics] = useState<TopicChannels>({});
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
    setTopics((all) => withChannel(all, topic, channel, on));
  return (
    <QueryState query={prefs}>
      {(p) => (
        <Stack maw={720}>
          <Text size="sm">What everyone in the practice hears about, and how, unless they choose otherwise.</Text>
          <ChannelTable label="Practice notifications" topics={p.topics} chosen={topics} onToggle={toggle} />
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
