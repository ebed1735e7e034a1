import { DeliverPolicy, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';

/**
 * Remembers how far a durable consumer had got, so it can be recreated where it was if it disappears
 * (deleted by an operator or a script, lost with a NATS node's state). The position is the consumer's
 * ack floor: every message of the stream up to it was handled. Recreated from just after it, the
 * consumer may see again events it handled after the floor; the inbox drops those, so nothing runs
 * twice and nothing published meanwhile is skipped.
 */
export class ConsumerPosition {
  private ackFloor = 0;
  private readonly startedAt = new Date();

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly name: string,
    /** How the consumer was first created: `new` ones never go back before this process started. */
    private readonly startWith: 'all' | 'new',
  ) {}

  /** Takes the floor from any info read about the consumer (creation, lag for metrics, the poll). */
  record(info: ConsumerInfo): ConsumerInfo {
    this.ackFloor = Math.max(this.ackFloor, info.ack_floor.stream_seq);
    return info;
  }

  /** Reads the consumer's info now; `null` when it does not exist any more. */
  async read(): Promise<ConsumerInfo | null> {
    try {
      return this.record(await this.jsm.consumers.info(this.stream, this.name));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * Creates the consumer again if it is gone; returns the stream sequence it resumes from, or null if
   * it was there. The config is the one it was made with; only where it starts differs.
   */
  async recreateIfGone(config: Partial<ConsumerConfig>): Promise<number | null> {
    if ((await this.read()) !== null) return null;
    const resumeAt = this.ackFloor + 1;
    const where: Partial<ConsumerConfig> =
      this.ackFloor > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: resumeAt }
        : this.startWith === 'new'
          ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: this.startedAt.toISOString() }
          : { deliver_policy: DeliverPolicy.All };
    this.record(await this.jsm.consumers.add(this.stream, { ...config, ...where }));
    return resumeAt;
  }
}

/** JetStream's "consumer not found" (10014); a missing stream is not ours to recreate. */
function isNotFound(err: unknown): boolean {
  const api = (err as { apiError?: () => { err_code?: number } }).apiError?.();
  return api?.err_code === 10014 || /consumer not found/i.test(String(err));
}
