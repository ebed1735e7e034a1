import type { LetterType } from './library';

/**
 * Made-up merge data for each library letter: what a template preview shows before a campaign has
 * its own values, and what the tests and benchmarks render. No real person.
 */
export const SAMPLE_PRACTICE = { name: 'Harbor Family Medicine' };

export const SAMPLE_LETTER_DATA: Record<LetterType, Record<string, string>> = {
  hipaa_breach: {
    whatHappened: 'A laptop was stolen from a staff car.',
    breachDate: 'October 3, 2026',
    discoveryDate: 'October 4, 2026',
    phiInvolved: 'names, dates of birth and appointment dates',
    stepsToTake: 'Watch your explanation-of-benefits statements.',
    whatWeAreDoing: 'We reported the theft and now encrypt every laptop.',
    tollFreeNumber: '1-800-555-0199',
    contactEmail: 'privacy@harbor.example',
    signatory: 'Dr. Ada Lee',
  },
  practice_closure: {
    effectiveDate: 'December 31, 2026',
    recordsCustodian: 'Salem Medical Records LLC, 12 Harbor St, Salem MA',
    recordsRequest: 'call 978-555-0100 or write to records@salem-records.example.',
    signatory: 'Dr. Ada Lee',
  },
  provider_departure: {
    providerName: 'Dr. Ada Lee',
    effectiveDate: 'December 31, 2026',
    recordsCustodian: 'Harbor Family Medicine',
    recordsRequest: 'call 978-555-0100.',
    signatory: 'Dr. Ben Ortiz',
  },
  policy_change: {
    effectiveDate: 'January 1, 2027',
    summary: 'we will send appointment reminders by text message unless you opt out.',
    whereToRead: 'harbor.example/privacy',
    signatory: 'Dr. Ada Lee',
  },
  office_relocation: {
    effectiveDate: 'February 1, 2027',
    newAddress: '40 Derby St, Salem MA 01970',
    signatory: 'Dr. Ada Lee',
  },
};

/** The whole merge object of a sample letter for `patientName`. */
export const sampleMergeData = (letterType: LetterType, patientName: string) => ({
  patient: { name: patientName },
  practice: SAMPLE_PRACTICE,
  letter: SAMPLE_LETTER_DATA[letterType],
});
