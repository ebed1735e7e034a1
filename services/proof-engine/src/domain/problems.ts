import { Conflict, NotFound, Unprocessable } from '@plh/service-kit';
import type { CheckFailure } from './templates/checks';
import { TemplateError } from './templates/compile';

export class ProjectNotFound extends NotFound {
  constructor() {
    super('No such project in this practice.');
  }
}
export class TemplateNotFound extends NotFound {
  constructor() {
    super('No such template in this practice.');
  }
}
export class JobNotFound extends NotFound {
  constructor() {
    super('No such proof job in this practice.');
  }
}
export class LetterNotSetUp extends Conflict {
  constructor() {
    super('LETTER_NOT_SET_UP', 'Choose the letter’s template and fill its values for this project first.');
  }
}
export class JobNotRetryable extends Conflict {
  constructor(state: string) {
    super('JOB_NOT_RETRYABLE', `Only a failed job can be retried; this one is ${state}.`);
  }
}
export class JobNotDone extends Conflict {
  constructor(state: string) {
    super('JOB_NOT_DONE', `The job is ${state}; its file can be downloaded once it is done.`);
  }
}

/** A template that does not compile or is unsafe: 422 with the template error's code. */
export function templateRejected(err: TemplateError): Unprocessable {
  return new Unprocessable(err.code, err.message);
}

/** Legally required elements missing from a template or its values: 422 listing each. */
export class ContentChecksFailed extends Unprocessable {
  constructor(readonly failures: CheckFailure[]) {
    super(
      'CONTENT_CHECKS_FAILED',
      `The letter is missing what it must say: ${failures.map((f) => f.requirement).join('; ')}.`,
      failures.map((f) => ({
        pointer: f.reason === 'not_in_template' ? '/body' : `/values/${f.fields[0]!.replace(/^letter\./, '')}`,
        message: `${f.requirement} (${f.reason.replaceAll('_', ' ')}${
          f.fields.length > 1
            ? `: one of ${f.fields.map((x) => x.replace(/^letter\./, '')).join(', ')} is required`
            : ''
        })`,
      })),
    );
  }
}
