import { genRequestId, nextTraceparent, traceIdOf } from './request-context';

describe('request context', () => {
  it('keeps a sane incoming request id and replaces anything else', () => {
    expect(genRequestId({ headers: { 'x-request-id': 'abc-123' } })).toBe('abc-123');
    expect(genRequestId({ headers: { 'x-request-id': 'bad id\n{"injected":1}' } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(genRequestId({ headers: {} })).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('continues an incoming trace with a new span, or starts a new trace', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const next = nextTraceparent(incoming);
    expect(traceIdOf(next)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(next).not.toBe(incoming);
    expect(nextTraceparent('garbage')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
