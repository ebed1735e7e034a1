import type { NotificationDeps } from '../deps';
import { TopicNotAllowed } from '../problems';
import { CONFIGURABLE_TOPICS, isTopic, NIL_UUID, TOPICS, type PersonChannel } from '../topics';

type Deps = Pick<NotificationDeps, 'unitOfWork'>;
export type TopicChannels = Record<string, PersonChannel[]>;

export interface PreferencesView {
  topics: Array<{
    topic: string;
    title: string;
    defaultChannels: PersonChannel[];
    /** The practice's choice (null: the default). */
    practiceChannels: PersonChannel[] | null;
    /** This user's choice (null: the practice's). Absent on the practice's page. */
    ownChannels?: PersonChannel[] | null;
  }>;
}

function checkTopics(topics: TopicChannels) {
  const wrong = Object.keys(topics).filter((t) => !isTopic(t) || !TOPICS[t].configurable);
  if (wrong.length)
    throw new TopicNotAllowed(
      `These cannot be chosen: ${wrong.join(', ')}. Choose among ${CONFIGURABLE_TOPICS.join(', ')}.`,
    );
}

function view(
  rows: Array<{ userId: string; topic: string; channels: string[] }>,
  userId: string | null,
): PreferencesView {
  const find = (who: string, topic: string) =>
    (rows.find((r) => r.userId === who && r.topic === topic)?.channels ?? null) as PersonChannel[] | null;
  return {
    topics: CONFIGURABLE_TOPICS.map((topic) => ({
      topic,
      title: TOPICS[topic].title,
      defaultChannels: [...TOPICS[topic].defaultChannels],
      practiceChannels: find(NIL_UUID, topic),
      ...(userId ? { ownChannels: find(userId, topic) } : {}),
    })),
  };
}

/** The practice's channel per topic (what every user gets unless they chose otherwise). */
export const practicePreferences = (deps: Deps, tenantId: string) =>
  deps.unitOfWork(tenantId, async ({ preferences }) => view(await preferences.all(), null));

export async function setPracticePreferences(deps: Deps, tenantId: string, topics: TopicChannels, actorId: string) {
  checkTopics(topics);
  return deps.unitOfWork(tenantId, async (uow) => {
    await uow.preferences.replace(
      NIL_UUID,
      Object.entries(topics).map(([topic, channels]) => ({ topic, channels: [...new Set(channels)] })),
      actorId,
    );
    await uow.audit.record({
      action: 'notification-preference.update',
      resource: { type: 'practice', id: tenantId },
      changes: Object.entries(topics).map(([topic, channels]) => ({ field: topic, to: channels.join(',') })),
    });
    return view(await uow.preferences.all(), null);
  });
}

export interface OwnSettings {
  phone: string | null;
  quietHours: { start: string; end: string } | null;
  timeZone: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export const myPreferences = (deps: Deps, tenantId: string, userId: string) =>
  deps.unitOfWork(tenantId, async ({ preferences }) => {
    const setting = await preferences.settingOf(userId);
    return { ...view(await preferences.all(), userId), ...settingsView(setting) };
  });

function settingsView(
  setting: { phone: string | null; quietStart: number | null; quietEnd: number | null; timeZone: string } | null,
): OwnSettings {
  return {
    phone: setting?.phone ?? null,
    quietHours:
      setting && setting.quietStart !== null && setting.quietEnd !== null
        ? { start: toHhmm(setting.quietStart), end: toHhmm(setting.quietEnd) }
        : null,
    timeZone: setting?.timeZone ?? 'America/New_York',
  };
}

/** One user's channels per topic, SMS number and quiet hours (critical compliance alerts ignore them). */
export async function setMyPreferences(
  deps: Deps,
  tenantId: string,
  userId: string,
  input: { topics: TopicChannels } & OwnSettings,
) {
  checkTopics(input.topics);
  return deps.unitOfWork(tenantId, async (uow) => {
    await uow.preferences.replace(
      userId,
      Object.entries(input.topics).map(([topic, channels]) => ({ topic, channels: [...new Set(channels)] })),
      userId,
    );
    const setting = await uow.preferences.saveSetting(userId, {
      phone: input.phone,
      quietStart: input.quietHours ? toMinutes(input.quietHours.start) : null,
      quietEnd: input.quietHours ? toMinutes(input.quietHours.end) : null,
      timeZone: input.timeZone,
    });
    await uow.audit.record({
      action: 'notification-preference.update',
      resource: { type: 'user', id: userId },
      // The number itself is a person's contact detail: recorded as changed, not its value.
      changes: [
        ...Object.entries(input.topics).map(([topic, channels]) => ({ field: topic, to: channels.join(',') })),
        { field: 'phone' },
        { field: 'quietHours', to: input.quietHours ? `${input.quietHours.start}-${input.quietHours.end}` : null },
      ],
    });
    return { ...view(await uow.preferences.all(), userId), ...settingsView(setting) };
  });
}
