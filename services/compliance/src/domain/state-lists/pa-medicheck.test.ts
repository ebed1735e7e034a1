import { Readable } from 'node:stream';
import { fillerPrecluded, medicheckCsv, MEDICHECK_HEADER, precludedPerson } from '../../../test/medicheck-files';
import { SourceFileError } from '../sources/source-file-error';
import { medicheckDate, PA_MEDICHECK } from './pa-medicheck';
import { readStateList } from './read-state-list';
import type { StateListing } from './state-list-format';

const read = async (csv: string, today = '2026-12-01') => {
  const out: StateListing[] = [];
  const counts = { rows: 0 };
  for await (const l of readStateList(PA_MEDICHECK, Readable.from([Buffer.from(csv)]), today, counts)) out.push(l);
  return { listings: out, rows: counts.rows };
};

describe('Pennsylvania Medicheck list', () => {
  it('reads dates as DHS writes them', () => {
    expect(medicheckDate('3/20/2014 0:00:00')).toBe('2014-03-20');
    expect(medicheckDate('12/31/2299 0:00:00')).toBe('2299-12-31');
    expect(medicheckDate('8/6/2005')).toBe('2005-08-06');
    expect(medicheckDate('')).toBeNull();
    expect(medicheckDate('2/30/2014 0:00:00')).toBeUndefined();
    expect(medicheckDate('2014-03-20')).toBeUndefined();
  });

  it('reads a person, a business and placeholders; skips what has ended', async () => {
    const { listings, rows } = await read(
      medicheckCsv([
        precludedPerson('Doe', 'Jane', {
          ProviderName: 'Doe, Jane Q., RN',
          NAM_MIDDLE_PROVR: 'Q.',
          LicenseNumber: 'SC002553L (PA)',
          IDN_NPI: '1234567893',
        }),
        {
          ProviderName: 'Acme Home Care, Inc.',
          Status: 'Precluded',
          BeginDate: '7/19/2012 0:00:00',
          CAO: 'Allegheny',
          NAM_LAST_PROVR: 'fdaafd',
          NAM_BUSNS_MP: 'Acme Home Care, Inc.',
          LicenseNumber: 'Unknown',
          IDN_NPI: 'NULL',
        },
        precludedPerson('Roe', 'John', { Status: 'Terminated', EndDate: '8/16/2010 0:00:00' }),
      ]),
    );
    expect(rows).toBe(3);
    expect(listings).toEqual([
      {
        lastName: 'Doe',
        firstName: 'Jane',
        middleName: 'Q',
        businessName: '',
        specialty: 'RN',
        npi: '1234567893',
        licenseNumber: 'SC002553L',
        dateOfBirth: null,
        exclusionType: 'Precluded',
        exclusionDate: '2014-03-20',
        endDate: null,
        region: 'Philadelphia',
      },
      expect.objectContaining({
        lastName: '',
        firstName: '',
        businessName: 'Acme Home Care, Inc.',
        npi: null,
        licenseNumber: '',
        endDate: null,
      }),
    ]);
  });

  it('keeps a preclusion ending in the future, with its end date', async () => {
    const { listings } = await read(medicheckCsv([precludedPerson('Moe', 'Al', { EndDate: '1/31/2027 0:00:00' })]));
    expect(listings[0]).toMatchObject({ endDate: '2027-01-31' });
  });

  it('reads a file whose lines end with a delimiter, LF line ends and a BOM', async () => {
    const csv = `\uFEFF${medicheckCsv(fillerPrecluded(2)).replace(/\r\n/g, ',\n')}`;
    const { listings, rows } = await read(csv);
    expect(rows).toBe(2);
    expect(listings.map((l) => l.lastName)).toEqual(['Filler0', 'Filler1']);
  });

  it('reads columns by name: reordered, without the later NBR_FEIN', async () => {
    const header = [...MEDICHECK_HEADER].filter((h) => h !== 'NBR_FEIN').reverse();
    const { listings } = await read(medicheckCsv(fillerPrecluded(2), header));
    expect(listings.map((l) => l.lastName)).toEqual(['Filler0', 'Filler1']);
  });

  it.each([
    [
      'a missing column',
      medicheckCsv(
        fillerPrecluded(1),
        MEDICHECK_HEADER.filter((h) => h !== 'IDN_NPI'),
      ),
      'WRONG_HEADER',
    ],
    ['the LEIE instead', '"LASTNAME","FIRSTNAME"\r\n"A","B"\r\n', 'WRONG_HEADER'],
    ['an HTML page', '<!DOCTYPE html><html><body>Maintenance</body></html>\n', 'NOT_CSV'],
    ['a file cut inside a field', medicheckCsv(fillerPrecluded(2)).slice(0, -60), 'TRUNCATED'],
    ['a row with fields missing', `${medicheckCsv(fillerPrecluded(2))}"Doe, Jane","RN1L"\r\n`, 'MALFORMED_ROW'],
    [
      'an impossible date',
      medicheckCsv([precludedPerson('X', 'Y', { BeginDate: '13/45/2014 0:00:00' })]),
      'MALFORMED_ROW',
    ],
    ['an empty file', '', 'EMPTY_FILE'],
  ])('refuses %s', async (_what, csv, code) => {
    await expect(read(csv)).rejects.toMatchObject({ code });
    await expect(read(csv)).rejects.toBeInstanceOf(SourceFileError);
  });
});
