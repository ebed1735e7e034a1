import { ProblemError } from '@plh/service-kit';

/** A webhook URL that may not be an endpoint (not http(s), credentials in it, a private address). */
export class WebhookTargetRefused extends ProblemError {
  constructor(detail: string) {
    super(422, 'WEBHOOK_TARGET_REFUSED', 'Webhook URL refused', detail);
  }
}

/** A topic that cannot be chosen here (a webhook subscription to an invitation, an unknown name). */
export class TopicNotAllowed extends ProblemError {
  constructor(detail: string) {
    super(422, 'TOPIC_NOT_ALLOWED', 'Topic not allowed', detail);
  }
}

/** The thing asked of a message does not fit its state (replaying one that is still queued). */
export class MessageStateConflict extends ProblemError {
  constructor(detail: string) {
    super(409, 'MESSAGE_STATE_CONFLICT', 'Conflict', detail);
  }
}
