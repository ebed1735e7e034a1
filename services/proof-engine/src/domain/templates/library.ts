/**
 * The built-in letters. Each declares the fields it merges (`letter.*` for the campaign, `patient.*`
 * and `practice.*` filled per letter) and the content checks that block a proof when a legally
 * required element is missing. Bodies are plain paragraphs separated by blank lines.
 */
export type LetterType =
  'practice_closure' | 'provider_departure' | 'hipaa_breach' | 'policy_change' | 'office_relocation';

export interface VariableSpec {
  name: string;
  required: boolean;
  description: string;
}

export interface ContentCheck {
  id: string;
  /** What the law or good practice asks for, as shown to the practice when it is missing. */
  requirement: string;
  /** Fields (any of them) whose value satisfies it; all must be referenced by the template too. */
  anyOf: string[];
  /** Optional test of the value (e.g. a toll-free number). */
  valid?: (value: string) => boolean;
}

export interface LibraryTemplate {
  letterType: LetterType;
  title: string;
  variables: VariableSpec[];
  checks: ContentCheck[];
  body: string;
}

/** US toll-free prefixes (800, 833, 844, 855, 866, 877, 888). */
export const TOLL_FREE = /^\+?1?[\s.-]*\(?8(00|33|44|55|66|77|88)\)?[\s.-]*\d{3}[\s.-]*\d{4}$/;

const v = (name: string, description: string, required = true): VariableSpec => ({ name, required, description });

export const LIBRARY: Record<LetterType, LibraryTemplate> = {
  hipaa_breach: {
    letterType: 'hipaa_breach',
    title: 'Notice of a breach of your health information',
    variables: [
      v('letter.whatHappened', 'What happened, in plain words'),
      v('letter.breachDate', 'Date of the breach'),
      v('letter.discoveryDate', 'Date the breach was discovered'),
      v('letter.phiInvolved', 'Kinds of information involved (names, dates of birth, diagnoses…)'),
      v('letter.stepsToTake', 'What the patient should do to protect themselves'),
      v('letter.whatWeAreDoing', 'What the practice is doing to investigate, limit harm and prevent a repeat'),
      v('letter.tollFreeNumber', 'Toll-free number for questions'),
      v('letter.contactEmail', 'Email address for questions (this or letter.contactAddress is required)', false),
      v('letter.contactAddress', 'Postal address for questions (this or letter.contactEmail is required)', false),
      v('letter.signatory', 'Who signs the letter'),
    ],
    // 45 CFR 164.404(c): content of the notification to individuals.
    checks: [
      { id: 'what-happened', requirement: 'A brief description of what happened', anyOf: ['letter.whatHappened'] },
      { id: 'breach-date', requirement: 'The date of the breach', anyOf: ['letter.breachDate'] },
      { id: 'discovery-date', requirement: 'The date the breach was discovered', anyOf: ['letter.discoveryDate'] },
      { id: 'phi-involved', requirement: 'The types of health information involved', anyOf: ['letter.phiInvolved'] },
      {
        id: 'steps',
        requirement: 'Steps individuals should take to protect themselves',
        anyOf: ['letter.stepsToTake'],
      },
      { id: 'mitigation', requirement: 'What the practice is doing about it', anyOf: ['letter.whatWeAreDoing'] },
      {
        id: 'toll-free',
        requirement: 'Contact procedures including a toll-free telephone number',
        anyOf: ['letter.tollFreeNumber'],
        valid: (value) => TOLL_FREE.test(value.trim()),
      },
      {
        id: 'contact-written',
        requirement: 'An email address, website or postal address for questions',
        anyOf: ['letter.contactEmail', 'letter.contactAddress'],
      },
    ],
    body: `Dear {{patient.name}},

We are writing to tell you about an incident that may have involved some of your health information. {{letter.whatHappened}}

The incident occurred on {{letter.breachDate}} and we discovered it on {{letter.discoveryDate}}. The information involved may have included: {{letter.phiInvolved}}.

What you can do: {{letter.stepsToTake}}

What we are doing: {{letter.whatWeAreDoing}}

If you have questions, please call us toll-free at {{letter.tollFreeNumber}}{{#if letter.contactEmail}}, email {{letter.contactEmail}}{{/if}}{{#if letter.contactAddress}}, or write to us at {{letter.contactAddress}}{{/if}}.

We sincerely apologize for this incident.

Sincerely,

{{letter.signatory}}
{{practice.name}}`,
  },
  practice_closure: {
    letterType: 'practice_closure',
    title: 'Our practice is closing',
    variables: [
      v('letter.effectiveDate', 'Last day the practice sees patients'),
      v('letter.recordsCustodian', 'Who will keep the medical records'),
      v('letter.recordsRequest', 'How to request a copy or transfer of records'),
      v('letter.signatory', 'Who signs the letter'),
    ],
    checks: [
      { id: 'effective-date', requirement: 'The date the practice closes', anyOf: ['letter.effectiveDate'] },
      {
        id: 'records-custodian',
        requirement: 'Where the medical records will be kept',
        anyOf: ['letter.recordsCustodian'],
      },
      { id: 'records-request', requirement: 'How to request records', anyOf: ['letter.recordsRequest'] },
    ],
    body: `Dear {{patient.name}},

After many years of caring for you, {{practice.name}} will close on {{letter.effectiveDate}}.

Your medical records will be kept by {{letter.recordsCustodian}}. To request a copy or have them sent to your new doctor: {{letter.recordsRequest}}

Please arrange care with a new provider before that date so there is no gap in your care.

Thank you for the trust you have placed in us.

Sincerely,

{{letter.signatory}}`,
  },
  provider_departure: {
    letterType: 'provider_departure',
    title: 'Your provider is leaving the practice',
    variables: [
      v('letter.providerName', 'The departing provider'),
      v('letter.effectiveDate', 'The provider’s last day'),
      v('letter.recordsCustodian', 'Who keeps the records'),
      v('letter.recordsRequest', 'How to request records'),
      v('letter.continuingCare', 'Who will see the patient from now on', false),
      v('letter.signatory', 'Who signs the letter'),
    ],
    checks: [
      { id: 'effective-date', requirement: 'The date the provider leaves', anyOf: ['letter.effectiveDate'] },
      {
        id: 'records-custodian',
        requirement: 'Where the medical records will be kept',
        anyOf: ['letter.recordsCustodian'],
      },
      { id: 'records-request', requirement: 'How to request records', anyOf: ['letter.recordsRequest'] },
    ],
    body: `Dear {{patient.name}},

{{letter.providerName}} will leave {{practice.name}} on {{letter.effectiveDate}}.{{#if letter.continuingCare}} {{letter.continuingCare}}{{/if}}

Your medical records stay with {{letter.recordsCustodian}}. To request a copy or a transfer: {{letter.recordsRequest}}

Sincerely,

{{letter.signatory}}`,
  },
  policy_change: {
    letterType: 'policy_change',
    title: 'Changes to our privacy practices',
    variables: [
      v('letter.effectiveDate', 'When the change takes effect'),
      v('letter.summary', 'What changes'),
      v('letter.whereToRead', 'Where the full notice can be read'),
      v('letter.signatory', 'Who signs the letter'),
    ],
    checks: [
      { id: 'effective-date', requirement: 'The date the change takes effect', anyOf: ['letter.effectiveDate'] },
      { id: 'summary', requirement: 'What changes', anyOf: ['letter.summary'] },
    ],
    body: `Dear {{patient.name}},

From {{letter.effectiveDate}}, {{practice.name}} will change how it handles your information: {{letter.summary}}

You can read the full notice at {{letter.whereToRead}}.

Sincerely,

{{letter.signatory}}`,
  },
  office_relocation: {
    letterType: 'office_relocation',
    title: 'We are moving',
    variables: [
      v('letter.effectiveDate', 'First day at the new address'),
      v('letter.newAddress', 'The new address'),
      v('letter.signatory', 'Who signs the letter'),
    ],
    checks: [
      { id: 'effective-date', requirement: 'The date of the move', anyOf: ['letter.effectiveDate'] },
      { id: 'new-address', requirement: 'The new address', anyOf: ['letter.newAddress'] },
    ],
    body: `Dear {{patient.name}},

From {{letter.effectiveDate}}, {{practice.name}} will see patients at our new office: {{letter.newAddress}}.

Your appointments, doctors and records stay the same.

Sincerely,

{{letter.signatory}}`,
  },
};
