import { channelsFor } from './plan-messages';
import { afterQuietHours } from './quiet-hours';
import { render } from './templates';
import { NIL_UUID, TOPIC_NAMES } from '../topics';

describe('quiet hours', () => {
  const nightOwl = { quietStart: 22 * 60, quietEnd: 7 * 60, timeZone: 'America/New_York' };
  it('waits until they end, across midnight, in the recipient’s time zone', () => {
    // 23:30 in New York (EST, UTC-5) is 04:30 UTC: wait until 07:00 New York = 12:00 UTC.
    expect(afterQuietHours(new Date('2026-12-01T04:30:00Z'), nightOwl)).toEqual(new Date('2026-12-01T12:00:00Z'));
    // 12:00 in New York: not quiet.
    expect(afterQuietHours(new Date('2026-12-01T17:00:00Z'), nightOwl)).toBeNull();
    expect(afterQuietHours(new Date('2026-12-01T04:30:00Z'), null)).toBeNull();
    // The night clocks go back (2026-11-01 in New York, 02:00 EDT → 01:00 EST): 07:00 EST is 12:00 UTC,
    // not 11:00 as local minutes added to UTC time would say.
    expect(afterQuietHours(new Date('2026-11-01T03:30:00Z'), nightOwl)).toEqual(new Date('2026-11-01T12:00:00Z'));
    // The night they go forward (2026-03-08, 02:00 EST → 03:00 EDT): 07:00 EDT is 11:00 UTC.
    expect(afterQuietHours(new Date('2026-03-08T04:30:00Z'), nightOwl)).toEqual(new Date('2026-03-08T11:00:00Z'));
    const lunch = { quietStart: 12 * 60, quietEnd: 13 * 60, timeZone: 'UTC' };
    expect(afterQuietHours(new Date('2026-12-01T12:15:00Z'), lunch)).toEqual(new Date('2026-12-01T13:00:00Z'));
  });
});

describe('channels by preference', () => {
  const user = '4f1c9b7e-0000-4000-8000-000000000001';
  it('takes the user’s choice, else the practice’s, else the default; fixed topics ignore both', () => {
    expect(channelsFor('order.approved', user, [])).toEqual(['email']);
    const practice = [{ userId: NIL_UUID, topic: 'order.approved', channels: ['sms'] }];
    expect(channelsFor('order.approved', user, practice)).toEqual(['sms']);
    expect(
      channelsFor('order.approved', user, [...practice, { userId: user, topic: 'order.approved', channels: [] }]),
    ).toEqual([]);
    expect(channelsFor('user.invited', user, [{ userId: user, topic: 'user.invited', channels: [] }])).toEqual([
      'email',
    ]);
  });
});

describe('templates', () => {
  it('render every topic as HTML, text and SMS, escaping what they show', () => {
    for (const topic of TOPIC_NAMES) {
      const out = render(topic, { orderId: '<script>x</script>', subject: 's', text: 't' }, 'https://app.example');
      expect(out.subject.length).toBeGreaterThan(0);
      expect(out.text).toContain('PatientLetterHub');
      expect(out.sms.length).toBeLessThanOrEqual(480);
      if (topic !== 'direct') expect(out.html).not.toContain('<script>');
    }
    const invite = render(
      'user.invited',
      { role: 'approver', expiresAt: 'soon', acceptToken: 'plh_inv_abc' },
      'https://app.example/',
    );
    // The one-time token goes in the fragment: never sent to a server, never in an access log.
    expect(invite.text).toContain('https://app.example/invite#token=plh_inv_abc');
  });
});
