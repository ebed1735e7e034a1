import { checkNpi, type NpiVerification } from './npi-findings';

const provider = {
  npi: '1234567893',
  firstName: 'Elena',
  lastName: 'Rivera',
  licenseState: 'MA',
  licenseNumber: '123456',
};
const verified = (v: Partial<NpiVerification> = {}): NpiVerification => ({
  npi: '1234567893',
  status: 'active',
  enumerationType: 'NPI-1',
  firstName: 'ELENA',
  lastName: 'RIVERA',
  organizationName: null,
  taxonomies: [{ code: '207Q00000X', desc: 'Family Medicine', state: 'MA', license: '123456', primary: true }],
  error: null,
  checkedAt: new Date('2026-12-01T00:00:00Z'),
  ...v,
});
const types = (v: NpiVerification, p = provider) => checkNpi(p, v).findings.map((f) => f.type);

describe('checkNpi', () => {
  it('finds nothing when the registry agrees (accents, case and a nickname folded)', () => {
    expect(types(verified())).toEqual([]);
    expect(types(verified(), { ...provider, firstName: 'Eléna' })).toEqual([]);
    expect(
      types(verified({ firstName: 'WILLIAM', lastName: 'OBRIEN' }), {
        ...provider,
        firstName: 'Bill',
        lastName: "O'Brien",
      }),
    ).toEqual([]);
  });

  it('is not checked without an NPI or an answer', () => {
    expect(checkNpi({ ...provider, npi: null }, verified()).npiStatus).toBeNull();
    expect(checkNpi(provider, undefined)).toEqual({ npiStatus: null, findings: [], error: null, checkedAt: null });
  });

  it('reports a deactivated NPI and an unknown one', () => {
    expect(checkNpi(provider, verified({ status: 'deactivated' })).npiStatus).toBe('deactivated');
    expect(types(verified({ status: 'deactivated' }))).toEqual(['npi_deactivated']);
    expect(types(verified({ status: 'not_found', firstName: null, lastName: null, taxonomies: [] }))).toEqual([
      'npi_not_found',
    ]);
  });

  it('finds nothing in an error: what was not answered is neither verified nor contradicted', () => {
    const check = checkNpi(provider, verified({ status: 'error', error: 'The NPI Registry answered HTTP 503.' }));
    expect(check).toMatchObject({ npiStatus: 'error', findings: [], error: 'The NPI Registry answered HTTP 503.' });
  });

  it('reports another name, or an organization’s NPI, as a name mismatch', () => {
    expect(types(verified({ lastName: 'SOTO' }))).toEqual(['name_mismatch']);
    expect(
      types(verified({ enumerationType: 'NPI-2', firstName: null, lastName: null, organizationName: 'X LLC' })),
    ).toEqual(['name_mismatch']);
  });

  it('compares the licence with the taxonomies of the roster’s state, as boards write numbers', () => {
    expect(types(verified(), { ...provider, licenseNumber: '0123456' })).toEqual([]);
    expect(
      types(verified({ taxonomies: [{ code: 'x', desc: '', state: 'MA', license: 'MD-123456', primary: true }] }), {
        ...provider,
        licenseNumber: 'md 123456',
      }),
    ).toEqual([]);
    expect(types(verified(), { ...provider, licenseNumber: '654321' })).toEqual(['license_mismatch']);
    expect(types(verified(), { ...provider, licenseState: 'RI' })).toEqual(['license_mismatch']);
    expect(types(verified(), { ...provider, licenseNumber: '' })).toEqual([]);
  });
});
