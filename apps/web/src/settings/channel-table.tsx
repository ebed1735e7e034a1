import { Checkbox, Table } from '@mantine/core';

export type Channel = 'email' | 'sms';
const CHANNELS: Channel[] = ['email', 'sms'];

/** Channels chosen per topic, as edited state. */
export type TopicChannels = Record<string, Channel[]>;

/** `channel` switched on or off for `topic`. */
export function withChannel(all: TopicChannels, topic: string, channel: Channel, on: boolean): TopicChannels {
  const current = all[topic] ?? [];
  return { ...all, [topic]: on ? [...new Set([...current, channel])] : current.filter((c) => c !== channel) };
}

/** A topic per row, a checkbox per channel: the practice's and each user's notification choices. */
export function ChannelTable({
  label,
  topics,
  chosen,
  onToggle,
}: {
  label: string;
  topics: Array<{ topic: string; title: string }>;
  chosen: TopicChannels;
  onToggle: (topic: string, channel: Channel, on: boolean) => void;
}) {
  return (
    <Table aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Topic</Table.Th>
          {CHANNELS.map((c) => (
            <Table.Th key={c}>{c === 'sms' ? 'SMS' : 'Email'}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {topics.map((t) => (
          <Table.Tr key={t.topic}>
            <Table.Td>{t.title}</Table.Td>
            {CHANNELS.map((c) => (
              <Table.Td key={c}>
                <Checkbox
                  aria-label={`${t.title} by ${c}`}
                  checked={(chosen[t.topic] ?? []).includes(c)}
                  onChange={(e) => onToggle(t.topic, c, e.currentTarget.checked)}
                />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
