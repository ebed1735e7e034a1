import { scrubMessage } from './redaction';

describe('scrubMessage', () => {
  it('removes values that drivers echo into error messages', () => {
    expect(scrubMessage('Key (last_name)=(Nuñez) already exists.')).toBe(
      'Key (last_name)=([REDACTED]) already exists.',
    );
    expect(scrubMessage('invalid input syntax for type date: "1950-02-03"')).toBe(
      'invalid input syntax for type date: "[REDACTED]"',
    );
    expect(scrubMessage('call 555 123 4567 or zip 90210-1234')).toBe('call [REDACTED] or zip [REDACTED]');
    expect(scrubMessage('connection refused')).toBe('connection refused');
  });
});
