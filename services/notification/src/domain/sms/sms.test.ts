import twilio from 'twilio';
import { keywordOf } from './keywords';
import { isValidTwilioSignature, twilioSignature } from './twilio-signature';

describe('Twilio request signatures', () => {
  const token = '12345';
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };

  it('computes what Twilio’s own library computes, and checks it', () => {
    const signature = twilioSignature(token, url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(token, url, params));
    expect(twilio.validateRequest(token, signature, url, params)).toBe(true);
    expect(isValidTwilioSignature(token, signature, url, params)).toBe(true);
  });

  it('refuses another token, URL or parameter, and a missing signature', () => {
    const signature = twilioSignature(token, url, params);
    expect(isValidTwilioSignature('54321', signature, url, params)).toBe(false);
    expect(isValidTwilioSignature(token, signature, `${url}&x=1`, params)).toBe(false);
    expect(isValidTwilioSignature(token, signature, url, { ...params, Digits: '9' })).toBe(false);
    expect(isValidTwilioSignature(token, undefined, url, params)).toBe(false);
    expect(isValidTwilioSignature('', signature, url, params)).toBe(false);
  });
});

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'opt-out'],
    [' stop ', 'opt-out'],
    ['Unsubscribe.', 'opt-out'],
    ['cancel', 'opt-out'],
    ['START', 'opt-in'],
    ['unstop', 'opt-in'],
    ['please stop texting me', null],
    ['', null],
  ])('%j is %s', (body, expected) => expect(keywordOf(body)).toBe(expected));
});
