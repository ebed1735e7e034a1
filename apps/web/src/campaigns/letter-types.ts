/** The letter types a campaign can be (core's project types; `other` takes any letter). */
export const LETTER_TYPES = [
  { value: 'practice_closure', label: 'Practice closure' },
  { value: 'provider_departure', label: 'Provider departure' },
  { value: 'hipaa_breach', label: 'HIPAA breach notice' },
  { value: 'policy_change', label: 'Policy change' },
  { value: 'office_relocation', label: 'Office relocation' },
] as const;

export type LetterType = (typeof LETTER_TYPES)[number]['value'];

export const letterTypeLabel = (type: string) => LETTER_TYPES.find((t) => t.value === type)?.label ?? type;
