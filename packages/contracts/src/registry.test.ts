import { Type } from '@sinclair/typebox';
import { createEvent, defineEvent, EventRegistry } from './registry';
import { subjectOf, isValidSubject } from './subjects';

const OrderPlaced = defineEvent(
  'plh.core.order.placed',
  Type.Object({ orderId: Type.String(), letterCount: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  'An order was placed',
);

describe('event registry', () => {
  const registry = new EventRegistry([OrderPlaced]);

  it('accepts a well-formed event', () => {
    const event = createEvent(OrderPlaced, { source: 'core', tenantId: 't1', data: { orderId: 'o1', letterCount: 3 } });
    expect(registry.validate(event)).toEqual({ ok: true, event });
  });

  it('rejects unknown fields in data, so PHI cannot ride along', () => {
    const event = createEvent(OrderPlaced, { source: 'core', tenantId: 't1', data: { orderId: 'o1', letterCount: 3 } });
    const result = registry.validate({ ...event, data: { ...event.data, patientName: 'Jane Doe' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('/data/patientName');
  });

  it('rejects an unknown type and a broken envelope', () => {
    const event = createEvent(OrderPlaced, { source: 'core', tenantId: null, data: { orderId: 'o1', letterCount: 1 } });
    expect(registry.validate({ ...event, type: 'plh.core.order.vanished' })).toMatchObject({ ok: false });
    expect(registry.validate({ ...event, id: 'not-a-uuid' })).toMatchObject({ ok: false });
    expect(registry.validate({ ...event, traceparent: 'garbage' })).toMatchObject({ ok: false });
    expect(registry.validate('nope')).toMatchObject({ ok: false });
  });

  it('refuses definitions that would let extra fields through or break subject naming', () => {
    expect(() => defineEvent('plh.core.order.x', Type.Object({ a: Type.String() }), '')).toThrow(
      /additionalProperties/,
    );
    expect(() => defineEvent('core.order.placed', Type.Object({}, { additionalProperties: false }), '')).toThrow(
      /plh\./,
    );
    expect(() => registry.register(OrderPlaced)).toThrow(/twice/);
  });

  it('names subjects plh.<service>.<entity>.<verb>', () => {
    expect(subjectOf('core', 'order', 'approved')).toBe('plh.core.order.approved');
    expect(subjectOf('core', 'order', 'approved', 2)).toBe('plh.core.order.approved.v2');
    expect(isValidSubject('plh.core.Order.approved')).toBe(false);
    expect(() => subjectOf('core', 'order items', 'x')).toThrow();
  });
});
