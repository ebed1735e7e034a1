/**
 * The fields a letter needs, and the date of birth that tells two people of one name and address apart
 * (kept only inside a keyed hash); every other column of a list is ignored and never stored.
 */
export const FIELDS = [
  'fullName',
  'firstName',
  'lastName',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'dateOfBirth',
] as const;
export type Field = (typeof FIELDS)[number];
/** Column index per field. */
export type ColumnMapping = Partial<Record<Field, number>>;

// prettier-ignore
const SYNONYMS: Record<Field, string[]> = {
  fullName: ['name', 'fullname', 'patientname', 'patient', 'recipient', 'recipientname', 'membername'],
  firstName: ['firstname', 'first', 'fname', 'givenname', 'patientfirstname', 'ptfirstname', 'forename'],
  lastName: ['lastname', 'last', 'lname', 'surname', 'familyname', 'patientlastname', 'ptlastname'],
  address1: [
    'address', 'address1', 'addressline1', 'addr1', 'addr', 'street', 'streetaddress', 'mailingaddress',
    'address1line', 'homeaddress', 'patientaddress', 'addressstreet',
  ],
  address2: ['address2', 'addressline2', 'addr2', 'apt', 'apartment', 'suite', 'unit', 'aptsuite', 'line2'],
  city: ['city', 'town', 'mailingcity', 'addresscity'],
  state: ['state', 'st', 'statecode', 'province', 'mailingstate', 'addressstate', 'stateprovince'],
  zip: ['zip', 'zipcode', 'zip5', 'postalcode', 'postcode', 'postal', 'mailingzip', 'addresszip', 'zippostalcode'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate', 'birthday', 'patientdob', 'ptdob', 'birthdt', 'patientdateofbirth'],
};

const key = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Maps headers it recognises; the first column wins when two fit one field. */
export function detectMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const k = key(header);
    for (const field of FIELDS) {
      if (mapping[field] === undefined && SYNONYMS[field].includes(k)) {
        mapping[field] = index;
        return;
      }
    }
  });
  return mapping;
}

/** What a mapping still lacks to build a mailing address; empty when complete. */
export function missingFields(mapping: ColumnMapping): string[] {
  const missing: string[] = [];
  const hasName = mapping.fullName !== undefined || (mapping.firstName !== undefined && mapping.lastName !== undefined);
  if (!hasName) missing.push('fullName (or firstName and lastName)');
  for (const f of ['address1', 'city', 'state', 'zip'] as const) if (mapping[f] === undefined) missing.push(f);
  return missing;
}
