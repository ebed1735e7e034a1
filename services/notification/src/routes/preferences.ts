import { NOTIFICATION_ACCESS } from '@plh/contracts';
import {
  Forbidden,
  principalOf,
  Type,
  ValidationFailed,
  type FastifyPluginAsyncTypebox,
  type FastifyRequest,
} from '@plh/service-kit';
import type { NotificationDeps } from '../domain/deps';
import {
  myPreferences,
  practicePreferences,
  setMyPreferences,
  setPracticePreferences,
} from '../domain/preferences/preferences';
import { Channel, errors, Nullable, PhoneNumber, Problem, TenantParams } from './schemas';

const Channels = Type.Array(Channel, { maxItems: 2, uniqueItems: true });
const TopicChannels = Type.Record(Type.String({ maxLength: 64 }), Channels, {
  description: 'Channels per topic; a topic left out keeps the default',
});
const TopicRow = Type.Object({
  topic: Type.String(),
  title: Type.String(),
  defaultChannels: Channels,
  practiceChannels: Nullable(Channels),
  ownChannels: Type.Optional(Nullable(Channels)),
});
const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const OwnSettings = {
  phone: Nullable(PhoneNumber),
  quietHours: Nullable(Type.Object({ start: Hhmm, end: Hhmm }, { additionalProperties: false })),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
};
const PracticeView = Type.Object({ topics: Type.Array(TopicRow) });
const OwnView = Type.Object({ topics: Type.Array(TopicRow), ...OwnSettings });

/** The signed-in user's own id, when they belong to this practice (ops have no preferences of their own here). */
function ownUser(req: FastifyRequest, tenantId: string): string {
  const principal = principalOf(req);
  if (principal.kind !== 'user' || principal.tenantId !== tenantId)
    throw new Forbidden('Preferences of one’s own are for the practice’s users.');
  return principal.id;
}

function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What the practice hears about and how: its defaults (owner) and each user's own channels, SMS number and quiet hours. */
const preferenceRoutes: FastifyPluginAsyncTypebox<{ deps: NotificationDeps }> = async (app, { deps }) => {
  const base = '/api/tenants/:tenantId/notifications/preferences';
  app.get(
    base,
    {
      config: { access: NOTIFICATION_ACCESS.read },
      schema: {
        summary: 'The practice’s channel per topic',
        params: TenantParams,
        response: { 200: PracticeView, ...errors },
      },
    },
    (req) => practicePreferences(deps, req.params.tenantId),
  );
  app.put(
    base,
    {
      config: { access: NOTIFICATION_ACCESS.managePreferences },
      schema: {
        summary: 'Set the practice’s channel per topic (what users get unless they chose otherwise)',
        params: TenantParams,
        body: Type.Object({ topics: TopicChannels }, { additionalProperties: false }),
        response: { 200: PracticeView, ...errors, 422: Problem },
      },
    },
    (req) => setPracticePreferences(deps, req.params.tenantId, req.body.topics, principalOf(req).id),
  );
  app.get(
    `${base}/me`,
    {
      config: { access: NOTIFICATION_ACCESS.ownPreferences },
      schema: {
        summary: 'My channels per topic, SMS number and quiet hours',
        params: TenantParams,
        response: { 200: OwnView, ...errors },
      },
    },
    (req) => myPreferences(deps, req.params.tenantId, ownUser(req, req.params.tenantId)),
  );
  app.put(
    `${base}/me`,
    {
      config: { access: NOTIFICATION_ACCESS.ownPreferences },
      schema: {
        summary:
          'Set my channels per topic, SMS number and quiet hours (critical compliance alerts ignore quiet hours)',
        params: TenantParams,
        body: Type.Object({ topics: TopicChannels, ...OwnSettings }, { additionalProperties: false }),
        response: { 200: OwnView, ...errors, 422: Problem },
      },
    },
    async (req) => {
      const userId = ownUser(req, req.params.tenantId);
      if (!isTimeZone(req.body.timeZone))
        throw new ValidationFailed([{ pointer: '/body/timeZone', message: 'is not an IANA time zone' }]);
      return setMyPreferences(deps, req.params.tenantId, userId, req.body);
    },
  );
};
export default preferenceRoutes;
