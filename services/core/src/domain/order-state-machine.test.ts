import {
  actionBetween,
  availableActions,
  ORDER_STATUSES,
  transition,
  TRANSITIONS,
  type Actor,
  type OrderAction,
} from './order-state-machine';

const now = new Date('2026-11-25T12:00:00Z');
const open = { now, cancelWindowEndsAt: new Date('2026-11-25T13:00:00Z') };
const closed = { now, cancelWindowEndsAt: new Date('2026-11-25T11:00:00Z') };
const approver: Actor = { kind: 'customer', role: 'approver' };
const viewer: Actor = { kind: 'customer', role: 'viewer' };
const opsAgent: Actor = { kind: 'ops', role: 'ops_agent' };
const platform: Actor = { kind: 'system' };

describe('order state machine', () => {
  it('walks the happy path', () => {
    const path: Array<[OrderAction, Actor]> = [
      ['place', approver],
      ['request_proof', platform],
      ['proof_ready', platform],
      ['approve', approver],
      ['start_production', opsAgent],
      ['mark_mailed', opsAgent],
      ['complete', platform],
    ];
    let status = 'quoted' as (typeof ORDER_STATUSES)[number];
    for (const [action, actor] of path) {
      const r = transition(status, action, actor, open);
      expect(r).toMatchObject({ ok: true });
      if (r.ok) status = r.to;
    }
    expect(status).toBe('completed');
  });

  it('loops back to proof_pending on a rejected proof', () => {
    expect(transition('proof_ready', 'reject', approver, open)).toEqual({ ok: true, to: 'proof_pending' });
  });

  it('refuses every action from every status it is not defined for', () => {
    for (const status of ORDER_STATUSES)
      for (const [action, rule] of Object.entries(TRANSITIONS) as Array<
        [OrderAction, (typeof TRANSITIONS)[OrderAction]]
      >) {
        if (rule.from.includes(status)) continue;
        for (const actor of [approver, opsAgent, platform])
          expect(transition(status, action, actor, open)).toMatchObject({
            ok: false,
            refusal: { code: 'ORDER_STATE_CONFLICT' },
          });
      }
  });

  it('keeps approvals with the practice and production with ops', () => {
    expect(transition('proof_ready', 'approve', opsAgent, open)).toMatchObject({
      refusal: { code: 'ACTION_NOT_ALLOWED' },
    });
    expect(transition('proof_ready', 'approve', viewer, open)).toMatchObject({
      refusal: { code: 'ACTION_NOT_ALLOWED' },
    });
    expect(transition('approved', 'start_production', approver, open)).toMatchObject({
      refusal: { code: 'ACTION_NOT_ALLOWED' },
    });
  });

  it('lets the practice cancel inside the window and before production; ops later', () => {
    expect(transition('ordered', 'cancel', approver, open)).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('ordered', 'cancel', approver, closed)).toMatchObject({
      refusal: { code: 'CANCEL_WINDOW_CLOSED' },
    });
    expect(transition('in_production', 'cancel', approver, open)).toMatchObject({
      refusal: { code: 'CANCEL_WINDOW_CLOSED' },
    });
    expect(transition('in_production', 'cancel', opsAgent, closed)).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('mailed', 'cancel', opsAgent, open)).toMatchObject({ ok: false });
  });

  it('finds the one action between two statuses (for PUT with a status)', () => {
    expect(actionBetween('ordered', 'cancelled')).toBe('cancel');
    expect(actionBetween('approved', 'in_production')).toBe('start_production');
    expect(actionBetween('proof_ready', 'approved')).toBeNull(); // approvals name the proof: POST …/approval
    expect(actionBetween('mailed', 'ordered')).toBeNull();
  });

  it('lists the actions available to an actor', () => {
    expect(availableActions('proof_ready', approver, open).sort()).toEqual(['approve', 'cancel', 'reject']);
    expect(availableActions('completed', opsAgent, open)).toEqual([]);
  });
});
