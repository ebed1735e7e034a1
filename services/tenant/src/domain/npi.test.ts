import { isValidNpi } from './npi';

describe('isValidNpi', () => {
  it('accepts NPIs whose Luhn check digit (with the 80840 prefix) is right', () => {
    expect(isValidNpi('1234567893')).toBe(true); // the CMS worked example
    expect(isValidNpi('1245319599')).toBe(true);
  });
  it('refuses wrong check digits, lengths, and first digits other than 1 or 2', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('3234567893')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
});
