import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, dataOf } from '../api/client';
import { ProblemAlert } from '../ui/problem-alert';
import { ChannelTable, withChannel, type Channel, type TopicChannels } from './channel-table';
import { QueryState } from '../ui/query-state';

/**
 * What the signed-in user hears about and how: email and/or SMS per topic (unset: the practice's choice,
 * else the default), the SMS number, and quiet hours in their time zone (never for a critical compliance
 * alert).
 */
export function MyNotificationsTab({ tenantId }: { tenantId: string }) {
  const queryClient = useQueryClient();
  const path = { tenantId };
  const prefs = useQuery({
    queryKey: ['my-preferences', tenantId],
    queryFn: async () =>
      dataOf(await api.GET('/api/tenants/{tenantId}/notifications/preferences/me', { params: { path } })),
  });
  const [topics, setTopics] = useState<TopicChannels>({});
  // Only the topics this user changed are saved as their own: the rest keep following the practice.
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [phone, setPhone] = useState('');
  const [quietStart, setQuietStart] = useState('');
  const [quietEnd, setQuietEnd] = useState('');
  const [timeZone, setTimeZone] = useState('');
  useEffect(() => {
    if (!prefs.data) return;
    setTopics(
      Object.fromEntries(
        prefs.data.topics.map((t) => [t.topic, t.ownChannels ?? t.practiceChannels ?? t.defaultChannels]),
      ),
    );
    // Choices of their own made before stay theirs (a topic left out of the save falls back to the practice's).
    setTouched(new Set(prefs.data.topics.filter((t) => t.ownChannels).map((t) => t.topic)));
    setPhone(prefs.data.phone ?? '');
    setQuietStart(prefs.data.quietHours?.start ?? '');
    setQuietEnd(prefs.data.quietHours?.end ?? '');
    setTimeZone(prefs.data.timeZone);
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.PUT('/api/tenants/{tenantId}/notifications/preferences/me', {
          params: { path },
          body: {
            topics: Object.fromEntries(Object.entries(topics).filter(([topic]) => touched.has(topic))),
            phone: phone.trim() || null,
            quietHours: quietStart && quietEnd ? { start: quietStart, end: quietEnd } : null,
            timeZone,
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['my-preferences', tenantId] }),
  });
  const toggle = (topic: string, channel: Channel, on: boolean) => {
    setTouched((all) => new Set(all).add(topic));
    setTopics((all) => withChannel(all, topic, channel, on));
  };
  return (
    <QueryState query={prefs}>
      {(p) => (
        <Stack maw={720}>
          <ChannelTable label="My notifications" topics={p.topics} chosen={topics} onToggle={toggle} />
          <TextInput
            label="Mobile number for SMS"
            description="In international form, e.g. +16175550100"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            w={300}
          />
          <Group align="end">
            <TextInput
              label="Quiet hours from"
              type="time"
              value={quietStart}
              onChange={(e) => setQuietStart(e.currentTarget.value)}
            />
            <TextInput label="to" type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.currentTarget.value)} />
            <TextInput
              label="Time zone"
              description="IANA name, e.g. America/New_York"
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
            />
          </Group>
          <Text size="xs">A critical compliance alert comes at once, quiet hours or not.</Text>
          <ProblemAlert error={save.error} title="Not saved" />
          {save.isSuccess && <Text size="sm">Saved.</Text>}
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Save my notifications
            </Button>
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}
