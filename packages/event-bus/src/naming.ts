import { DEAD_LETTER_STREAM, deadLetterSubjectOf, streamOf } from '@plh/contracts';

/**
 * Where an event type lives on the wire. With an empty namespace (production) the subject is the
 * event type itself (`plh.core.order.placed`). A namespace (`t1a2`) prefixes subjects and stream
 * names, so test files, or several environments on one NATS cluster, never see each other's events.
 */
export class Namespace {
  constructor(readonly prefix = '') {
    if (prefix && !/^[a-z][a-z0-9_]{0,31}$/.test(prefix)) throw new Error(`invalid namespace "${prefix}"`);
  }

  subject(type: string): string {
    return this.prefix ? `${this.prefix}.${type}` : type;
  }

  /** The event type a wire subject carries (inverse of `subject`). */
  typeOf(subject: string): string {
    return this.prefix && subject.startsWith(`${this.prefix}.`) ? subject.slice(this.prefix.length + 1) : subject;
  }

  stream(service: string): { name: string; subjects: string[] } {
    const base = streamOf(service);
    return { name: this.streamName(base.name), subjects: base.subjects.map((s) => this.subject(s)) };
  }

  deadLetterStream(): { name: string; subjects: string[] } {
    return {
      name: this.streamName(DEAD_LETTER_STREAM.name),
      subjects: DEAD_LETTER_STREAM.subjects.map((s) => this.subject(s)),
    };
  }

  deadLetterSubject(consumer: string, type: string): string {
    return this.subject(deadLetterSubjectOf(consumer, type));
  }

  /** The service whose stream holds `type` (`plh.<service>...`). */
  static serviceOf(type: string): string {
    const service = type.split('.')[1];
    if (!service) throw new Error(`event type "${type}" names no service`);
    return service;
  }

  private streamName(name: string): string {
    return this.prefix ? `${this.prefix.toUpperCase()}_${name}` : name;
  }
}
