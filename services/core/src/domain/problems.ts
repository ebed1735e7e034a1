import { Conflict, NotFound, ProblemError, Unprocessable } from '@plh/service-kit';

export class ProjectNotFound extends NotFound {
  constructor() {
    super('No such project in this practice.');
  }
}
export class ListNotFound extends NotFound {
  constructor() {
    super('No such patient list in this practice.');
  }
}
export class QuoteNotFound extends NotFound {
  constructor() {
    super('No such quote in this practice.');
  }
}
export class OrderNotFound extends NotFound {
  constructor() {
    super('No such order in this practice.');
  }
}
export class ListNotReady extends Conflict {
  constructor(detail: string) {
    super('PATIENT_LIST_NOT_READY', detail);
  }
}
export class QuoteNotAvailable extends Conflict {
  constructor(detail: string) {
    super('QUOTE_NOT_AVAILABLE', detail);
  }
}
/** The uploaded list cannot be used at all (empty, not CSV, too many rows…); nothing was kept. */
export class ListFileRejected extends Unprocessable {
  constructor(code: string, detail: string) {
    super(code, detail);
  }
}
export class OrderTransitionRefused extends ProblemError {
  constructor(code: 'ORDER_STATE_CONFLICT' | 'ACTION_NOT_ALLOWED' | 'CANCEL_WINDOW_CLOSED', detail: string) {
    super(
      code === 'ACTION_NOT_ALLOWED' ? 403 : 409,
      code,
      code === 'ACTION_NOT_ALLOWED' ? 'Forbidden' : 'Conflict',
      detail,
    );
  }
}

/** The order exists but its invoice does not yet: says when it comes (404, as the invoice is not there). */
export class InvoiceNotYetIssued extends ProblemError {
  constructor(status: string) {
    super(
      404,
      'INVOICE_NOT_YET_ISSUED',
      'Not issued yet',
      `The invoice is issued when the order is mailed; this order is ${status.replace(/_/g, ' ')}.`,
    );
  }
}

export class ProjectArchived extends Conflict {
  constructor() {
    super('PROJECT_ARCHIVED', 'The campaign is archived: restore it (POST …/restore) to add lists or quotes.');
  }
}
export class ListInUse extends Conflict {
  constructor(orderNumber: number, status: string) {
    super(
      'PATIENT_LIST_IN_USE',
      `Order #${orderNumber} (${status.replace(/_/g, ' ')}) mails this list: cancel it first, or delete the list once it is completed.`,
    );
  }
}
