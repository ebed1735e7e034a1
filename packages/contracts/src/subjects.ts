/**
 * Subject naming: `plh.<service>.<entity>.<verb>`, optionally suffixed with a schema version
 * (`plh.core.order.approved.v2`) when an event's schema changes in a breaking way.
 * The event `type` and its NATS subject are the same string, so a subscriber can filter on it.
 */
export const SERVICES = ['gateway', 'tenant', 'core', 'proof', 'notification', 'compliance', 'platform'] as const;
export type ServiceName = (typeof SERVICES)[number];

const SEGMENT = '[a-z][a-z0-9_-]*';
export const SUBJECT_PATTERN = `^plh\\.${SEGMENT}\\.${SEGMENT}\\.${SEGMENT}(\\.v[0-9]+)?$`;
const SUBJECT_RE = new RegExp(SUBJECT_PATTERN);

/** Builds `plh.<service>.<entity>.<verb>` and refuses anything that would not match the pattern. */
export function subjectOf(service: ServiceName, entity: string, verb: string, version?: number): string {
  const subject = `plh.${service}.${entity}.${verb}${version && version > 1 ? `.v${version}` : ''}`;
  if (!SUBJECT_RE.test(subject)) throw new Error(`invalid subject "${subject}"`);
  return subject;
}

export function isValidSubject(subject: string): boolean {
  return SUBJECT_RE.test(subject);
}

/** The stream that holds every subject of one service: `PLH_<SERVICE>` over `plh.<service>.>`. */
export function streamOf(service: string): { name: string; subjects: string[] } {
  return { name: `PLH_${service.toUpperCase().replaceAll('-', '_')}`, subjects: [`plh.${service}.>`] };
}

/** Dead-lettered messages of a consumer are republished here, visible to ops (one stream for all). */
export const DEAD_LETTER_STREAM = { name: 'PLH_DEAD_LETTER', subjects: ['plh-dlq.>'] } as const;
export function deadLetterSubjectOf(consumer: string, type: string): string {
  return `plh-dlq.${consumer}.${type}`;
}
