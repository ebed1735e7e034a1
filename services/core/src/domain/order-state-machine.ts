/**
 * The order lifecycle, as data: which action moves an order from which statuses to which, and who may
 * trigger it. Routes and event handlers ask `transition()`; nothing else changes an order's status.
 *
 *   quoted ─place→ ordered ─request_proof→ proof_pending ─proof_ready→ proof_ready ─approve→ approved
 *                                              ↑                           │
 *                                              └────────── reject ─────────┘
 *   approved ─start_production→ in_production ─mark_mailed→ mailed ─complete→ completed
 *   cancel: before production by the practice (inside the cancel window) or ops; in production by ops only
 *   fail: any open status, by ops or the system
 */

export const ORDER_STATUSES = [
  'draft',
  'quoted',
  'ordered',
  'proof_pending',
  'proof_ready',
  'approved',
  'in_production',
  'mailed',
  'completed',
  'cancelled',
  'failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderAction =
  | 'quote'
  | 'place'
  | 'request_proof'
  | 'proof_ready'
  | 'approve'
  | 'reject'
  | 'start_production'
  | 'mark_mailed'
  | 'complete'
  | 'cancel'
  | 'fail';

/** Who is acting: a practice user by role, a partner key, ops, or the platform itself (events). */
export type Actor =
  | { kind: 'customer'; role: 'owner' | 'approver' | 'viewer' | 'api_key' }
  | { kind: 'ops'; role: 'ops_admin' | 'ops_agent' }
  | { kind: 'system' };

interface Rule {
  from: readonly OrderStatus[];
  to: OrderStatus;
  allowed: (actor: Actor) => boolean;
}

const customer =
  (...roles: string[]) =>
  (a: Actor) =>
    a.kind === 'customer' && roles.includes(a.role);
const ops = (a: Actor) => a.kind === 'ops';
const system = (a: Actor) => a.kind === 'system';
const any =
  (...checks: Array<(a: Actor) => boolean>) =>
  (a: Actor) =>
    checks.some((c) => c(a));

const OPEN_BEFORE_PRODUCTION: readonly OrderStatus[] = [
  'draft',
  'quoted',
  'ordered',
  'proof_pending',
  'proof_ready',
  'approved',
];

export const TRANSITIONS: Record<OrderAction, Rule> = {
  quote: { from: ['draft'], to: 'quoted', allowed: any(customer('owner', 'approver', 'api_key'), ops) },
  place: { from: ['quoted'], to: 'ordered', allowed: any(customer('owner', 'approver', 'api_key'), ops) },
  request_proof: { from: ['ordered'], to: 'proof_pending', allowed: any(system, ops) },
  proof_ready: { from: ['proof_pending'], to: 'proof_ready', allowed: any(system, ops) },
  approve: { from: ['proof_ready'], to: 'approved', allowed: customer('owner', 'approver') },
  reject: { from: ['proof_ready'], to: 'proof_pending', allowed: customer('owner', 'approver') },
  start_production: { from: ['approved'], to: 'in_production', allowed: ops },
  mark_mailed: { from: ['in_production'], to: 'mailed', allowed: any(ops, system) },
  complete: { from: ['mailed'], to: 'completed', allowed: any(ops, system) },
  cancel: {
    from: [...OPEN_BEFORE_PRODUCTION, 'in_production'],
    to: 'cancelled',
    allowed: any(customer('owner', 'approver', 'api_key'), ops),
  },
  fail: { from: [...OPEN_BEFORE_PRODUCTION, 'in_production', 'mailed'], to: 'failed', allowed: any(ops, system) },
};

export type TransitionRefusal =
  | { code: 'ORDER_STATE_CONFLICT'; detail: string }
  | { code: 'ACTION_NOT_ALLOWED'; detail: string }
  | { code: 'CANCEL_WINDOW_CLOSED'; detail: string };

/**
 * The status `action` leads to from `current` for `actor`, or why not. `cancelWindowEndsAt` applies to
 * customers: free cancellation until then and never once production started; ops may cancel until mailed.
 */
export function transition(
  current: OrderStatus,
  action: OrderAction,
  actor: Actor,
  context: { now: Date; cancelWindowEndsAt: Date },
): { ok: true; to: OrderStatus } | { ok: false; refusal: TransitionRefusal } {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current))
    return {
      ok: false,
      refusal: {
        code: 'ORDER_STATE_CONFLICT',
        detail: `An order that is ${current} cannot ${action.replace(/_/g, ' ')}.`,
      },
    };
  if (!rule.allowed(actor))
    return {
      ok: false,
      refusal: {
        code: 'ACTION_NOT_ALLOWED',
        detail: `${describe(actor)} cannot ${action.replace(/_/g, ' ')} an order.`,
      },
    };
  if (action === 'cancel' && actor.kind === 'customer') {
    if (current === 'in_production')
      return {
        ok: false,
        refusal: {
          code: 'CANCEL_WINDOW_CLOSED',
          detail: 'Production has started: only our operations team can cancel now.',
        },
      };
    if (context.now > context.cancelWindowEndsAt)
      return {
        ok: false,
        refusal: {
          code: 'CANCEL_WINDOW_CLOSED',
          detail: 'The free cancellation window has closed; contact our operations team.',
        },
      };
  }
  return { ok: true, to: rule.to };
}

/** Actions `actor` could take on an order in `status` now (for the UI's buttons). */
export function availableActions(
  status: OrderStatus,
  actor: Actor,
  context: { now: Date; cancelWindowEndsAt: Date },
): OrderAction[] {
  return (Object.keys(TRANSITIONS) as OrderAction[]).filter((a) => transition(status, a, actor, context).ok);
}

function describe(actor: Actor): string {
  if (actor.kind === 'system') return 'The platform';
  if (actor.kind === 'ops') return 'Operations';
  return actor.role === 'api_key' ? 'An API key' : `A practice ${actor.role}`;
}

/**
 * The action that takes an order from `from` to `to` (for `PUT …/orders/:id {"status"}`), or null when
 * no single action does. proof_ready → proof_pending is a rejection, which needs the proof it rejects,
 * so it is not offered here.
 */
export function actionBetween(from: OrderStatus, to: OrderStatus): OrderAction | null {
  const actions = (Object.entries(TRANSITIONS) as Array<[OrderAction, Rule]>).filter(
    ([action, rule]) => rule.to === to && rule.from.includes(from) && action !== 'reject' && action !== 'approve',
  );
  return actions.length === 1 ? actions[0]![0] : null;
}
