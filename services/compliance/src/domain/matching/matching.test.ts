import { listingKey, type LeieRow } from '../leie/leie-format';
import { foldName, namesMatch, sameGivenName } from './names';
import { screenProvider, type Listing, type RosterProvider } from './screen-provider';

const listed = (over: Partial<LeieRow>): Listing => {
  const row: LeieRow = {
    lastName: 'SMITH',
    firstName: 'WILLIAM',
    middleName: '',
    businessName: '',
    general: 'IND- LIC HC SERV PRO',
    specialty: 'NURSE/NURSES AIDE',
    upin: '',
    npi: null,
    dateOfBirth: '1965-03-12',
    address: '123 MAIN ST',
    city: 'BOSTON',
    state: 'MA',
    zip: '02134',
    exclusionType: '1128b4',
    exclusionDate: '2024-05-20',
    reinstatementDate: null,
    waiverDate: null,
    waiverState: '',
    ...over,
  };
  return { ...row, key: listingKey(row), source: 'oig-leie', licenseNumber: '' };
};

const provider = (over: Partial<RosterProvider> = {}): RosterProvider => ({
  id: 'p1',
  tenantId: 't1',
  npi: '1234567893',
  firstName: 'William',
  middleName: null,
  lastName: 'Smith',
  dateOfBirth: '1965-03-12',
  licenseState: 'MA',
  licenseNumber: 'MD-1234',
  ...over,
});

const screen = (p: RosterProvider, ...l: Listing[]) => screenProvider(p, l, [], () => 7);

describe('names as a compliance officer reads them', () => {
  it('folds case, accents, apostrophes, hyphens and spaces', () => {
    expect(foldName("José O'Brien-Núñez")).toBe('JOSEOBRIENNUNEZ');
    expect(namesMatch({ firstName: 'José', lastName: 'Núñez' }, { firstName: 'JOSE', lastName: 'NUNEZ' })).toBe(true);
    expect(namesMatch({ firstName: 'Mary', lastName: "O'Brien" }, { firstName: 'MARY', lastName: 'OBRIEN' })).toBe(
      true,
    );
    expect(
      namesMatch({ firstName: 'Ann', lastName: 'Smith-Jones' }, { firstName: 'ANN', lastName: 'SMITH JONES' }),
    ).toBe(true);
  });
  it('knows nicknames, swapped names and ignores middle initials', () => {
    expect(sameGivenName('Bill', 'WILLIAM')).toBe(true);
    expect(sameGivenName('Peggy', 'MARGARET')).toBe(true);
    expect(sameGivenName('Bob', 'ROBERT')).toBe(true);
    expect(sameGivenName('Bill', 'ROBERT')).toBe(false);
    expect(namesMatch({ firstName: 'William', lastName: 'Smith' }, { firstName: 'SMITH', lastName: 'WILLIAM' })).toBe(
      true,
    );
    expect(namesMatch({ firstName: 'John', lastName: 'Doe' }, { firstName: 'JOHN A', lastName: 'DOE' })).toBe(true);
    expect(namesMatch({ firstName: 'John', lastName: 'Doe' }, { firstName: 'JANE', lastName: 'DOE' })).toBe(false);
  });
});

describe('screening one provider', () => {
  it('excludes on the NPI even when the listed name and date of birth differ (a maiden name)', () => {
    const l = listed({ lastName: 'JONES', firstName: 'MARY', npi: '1234567893', dateOfBirth: '1970-01-01' });
    const r = screen(provider({ firstName: 'Mary', lastName: 'Smith' }), l);
    expect(r).toEqual({
      exclusionStatus: 'excluded',
      evidence: [expect.objectContaining({ basis: 'npi', listingKey: l.key, snapshotVersion: 7 })],
    });
  });
  it('keeps a waived listing an exclusion', () => {
    const l = listed({ npi: '1234567893', waiverDate: '2025-01-01', waiverState: 'MA' });
    expect(screen(provider(), l).exclusionStatus).toBe('excluded');
  });
  it('calls the same name with the identical date of birth a possible match, with a nickname, swapped or accented', () => {
    expect(screen(provider({ npi: '1111111112', firstName: 'Bill' }), listed({})).exclusionStatus).toBe(
      'possible_match',
    );
    expect(screen(provider({ npi: null, firstName: 'Smith', lastName: 'William' }), listed({})).exclusionStatus).toBe(
      'possible_match',
    );
    expect(
      screen(provider({ firstName: 'Zoë', lastName: 'Ångström' }), listed({ firstName: 'ZOE', lastName: 'ANGSTROM' }))
        .exclusionStatus,
    ).toBe('possible_match');
  });
  it('never matches a name without the identical date of birth (transposed day and month, a year off)', () => {
    expect(screen(provider(), listed({ dateOfBirth: '1965-12-03' })).exclusionStatus).toBe('clear');
    expect(screen(provider(), listed({ dateOfBirth: '1966-03-12' })).exclusionStatus).toBe('clear');
    expect(screen(provider(), listed({ dateOfBirth: null })).exclusionStatus).toBe('clear');
  });
  it('matches business listings by NPI only, and never on the 0000000000 placeholder', () => {
    const business = listed({
      lastName: '',
      firstName: '',
      businessName: 'SMITH WILLIAM PHARMACY',
      dateOfBirth: '1965-03-12',
    });
    expect(screen(provider(), business).exclusionStatus).toBe('clear');
    expect(screen(provider({ npi: null }), listed({ npi: null, lastName: 'DOE' })).exclusionStatus).toBe('clear');
  });
  it('remembers decisions: a dismissal clears, a confirmation excludes', () => {
    const l = listed({});
    expect(
      screenProvider(provider(), [l], [{ listingKey: l.key, decision: 'dismissed' }], () => 7).exclusionStatus,
    ).toBe('clear');
    expect(screenProvider(provider(), [l], [{ listingKey: l.key, decision: 'confirmed' }], () => 7)).toEqual({
      exclusionStatus: 'excluded',
      evidence: [expect.objectContaining({ basis: 'name_dob', confirmed: true })],
    });
  });
  it('says when there is nothing to screen with', () => {
    expect(screen(provider({ npi: null, dateOfBirth: null })).exclusionStatus).toBe('insufficient_data');
  });
  describe('a state list (licence numbers, no date of birth)', () => {
    const stateListed = (over: Partial<Listing> = {}): Listing => ({
      ...listed({ dateOfBirth: null, state: 'MA', npi: null }),
      key: 'pa-medicheck:abc',
      source: 'pa-medicheck',
      licenseNumber: 'MD01234',
      ...over,
    });
    it('excludes by licence in the same state under the provider’s name, as boards write numbers', () => {
      expect(screen(provider(), stateListed())).toEqual({
        exclusionStatus: 'excluded',
        evidence: [
          expect.objectContaining({
            source: 'pa-medicheck',
            snapshotVersion: 7,
            basis: 'license',
            listed: expect.objectContaining({ licenseNumber: 'MD01234' }),
          }),
        ],
      });
    });
    it('asks a person about the licence under another name, and remembers the answer', () => {
      const other = stateListed({ firstName: 'ANNA', lastName: 'JONES' });
      expect(screen(provider(), other)).toMatchObject({
        exclusionStatus: 'possible_match',
        evidence: [{ basis: 'license_only', confirmed: false }],
      });
      expect(
        screenProvider(provider(), [other], [{ listingKey: other.key, decision: 'dismissed' }], () => 7)
          .exclusionStatus,
      ).toBe('clear');
    });
    it('does not match the same number of another state, nor an empty licence', () => {
      expect(screen(provider(), stateListed({ state: 'PA' })).exclusionStatus).toBe('clear');
      expect(screen(provider({ licenseNumber: '' }), stateListed({ licenseNumber: '' })).exclusionStatus).toBe('clear');
    });
    it('still excludes by NPI whatever the licence says', () => {
      expect(screen(provider(), stateListed({ npi: '1234567893', licenseNumber: 'X9' }))).toMatchObject({
        exclusionStatus: 'excluded',
        evidence: [{ basis: 'npi' }],
      });
    });
  });
});
