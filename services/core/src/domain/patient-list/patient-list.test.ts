import { Readable } from 'node:stream';
import { detectMapping, missingFields } from './columns';
import { ListFileError, readCsv } from './read-csv';
import { normaliseStreet, normaliseZip, normaliseState, zipMatchesState, undeliverableReason } from './us-address';
import { parseDateOfBirth } from './date-of-birth';
import { dedupeText, validateRow } from './validate-row';

async function collect(input: Buffer | string, maxRows = 1000) {
  const out: unknown[] = [];
  for await (const item of readCsv(Readable.from([Buffer.from(input)]), { maxRows })) out.push(item);
  return out;
}

describe('US addresses in USPS style', () => {
  it.each([
    ['123 north main street apartment 4', '123 N MAIN ST APT 4'],
    ['45 Elm Avenue, Suite 200', '45 ELM AVE STE 200'],
    ['P.O. Box 12', 'PO BOX 12'],
    ['9 Court Street', '9 COURT ST'],
    ['1600 Pennsylvania Avenue NW', '1600 PENNSYLVANIA AVE NW'],
  ])('%s → %s', (input, expected) => expect(normaliseStreet(input)).toBe(expected));

  it('formats ZIP and ZIP+4, restores a ZIP whose leading zero Excel dropped, refuses the rest', () => {
    expect(normaliseZip('02134')).toBe('02134');
    expect(normaliseZip('2134')).toBe('02134');
    expect(normaliseZip('021341234')).toBe('02134-1234');
    expect(normaliseZip('02134-1234')).toBe('02134-1234');
    for (const bad of ['1234567', 'ABCDE', '00000', '']) expect(normaliseZip(bad)).toBeNull();
  });

  it('knows states by code or name and checks the ZIP belongs to the state', () => {
    expect(normaliseState('ma')).toBe('MA');
    expect(normaliseState('New York')).toBe('NY');
    expect(normaliseState('XX')).toBeNull();
    expect(zipMatchesState('02134', 'MA')).toBe(true);
    expect(zipMatchesState('90210', 'MA')).toBe(false);
    expect(zipMatchesState('20500', 'DC')).toBe(true);
  });

  it('flags undeliverable-looking street lines', () => {
    expect(undeliverableReason('UNKNOWN')).toMatch(/placeholder/);
    expect(undeliverableReason('MAIN ST')).toMatch(/house number/);
    expect(undeliverableReason('PO BOX 12')).toBeNull();
    expect(undeliverableReason('RR 2')).toBeNull();
  });
});

describe('column mapping', () => {
  it('recognises common EHR export headers and says what is missing', () => {
    const mapping = detectMapping([
      'Patient First Name',
      'Patient Last Name',
      'MRN',
      'Address Line 1',
      'City',
      'ST',
      'Zip Code',
    ]);
    expect(mapping).toEqual({ firstName: 0, lastName: 1, address1: 3, city: 4, state: 5, zip: 6 });
    expect(missingFields(mapping)).toEqual([]);
    expect(missingFields(detectMapping(['Name', 'Street', 'Town']))).toEqual(['state', 'zip']);
  });
});

describe('validateRow', () => {
  const mapping = { fullName: 0, address1: 1, city: 2, state: 3, zip: 4 };
  const codes = (r: ReturnType<typeof validateRow>) => (r.ok ? [] : r.errors.map((e) => [e.field, e.code]));
  it('normalises a good row, and says what it repaired', () => {
    expect(validateRow(['  Ana   Nuñez ', '1 main street', 'boston', 'massachusetts', '2134'], mapping, 5)).toEqual({
      ok: true,
      recipient: {
        name: 'Ana Nuñez',
        address1: '1 MAIN ST',
        address2: null,
        city: 'BOSTON',
        state: 'MA',
        zip: '02134',
      },
      dateOfBirth: null,
      warnings: [
        {
          field: 'zip',
          code: 'ZIP_PADDED',
          reason: 'the ZIP code had 4 digits and was read with a leading 0 (a spreadsheet drops it)',
        },
      ],
    });
    expect(validateRow(['Ana Nuñez', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5)).toMatchObject({
      ok: true,
      warnings: [],
    });
  });
  it('gives every reason a row fails, each with its field, and refuses formula cells', () => {
    expect(codes(validateRow(['', 'unknown', '', 'ZZ', '99'], mapping, 5))).toEqual([
      ['fullName', 'MISSING_NAME'],
      ['address1', 'UNDELIVERABLE_ADDRESS'],
      ['city', 'MISSING_CITY'],
      ['state', 'INVALID_STATE'],
      ['zip', 'INVALID_ZIP'],
    ]);
    expect(codes(validateRow(['Ann', '1 Main St', 'Boston', 'MA', '   '], mapping, 5))).toEqual([
      ['zip', 'MISSING_ZIP'],
    ]);
    expect(
      codes(validateRow(['=HYPERLINK("http://x","click")', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5)),
    ).toEqual([['fullName', 'FORMULA']]);
    // The issue's own example: a Honolulu ZIP typed with the wrong state; only the ZIP's prefix is named.
    const hawaii = validateRow(['Ann', '1 Kapiolani Blvd', 'Honolulu', 'TX', '96814-1234'], mapping, 5);
    expect(hawaii).toMatchObject({
      errors: [{ field: 'zip', code: 'ZIP_STATE_MISMATCH', reason: 'ZIP code 968xx is in HI, not TX' }],
    });
  });
  it('refuses an empty or blank first or last name, naming which', () => {
    const split = { firstName: 0, lastName: 1, address1: 2, city: 3, state: 4, zip: 5 };
    expect(codes(validateRow(['  ', 'Lee', '1 Main St', 'Boston', 'MA', '02134'], split, 6))).toEqual([
      ['firstName', 'MISSING_NAME'],
    ]);
    expect(codes(validateRow(['Ann', '\t ', '1 Main St', 'Boston', 'MA', '02134'], split, 6))).toEqual([
      ['lastName', 'MISSING_NAME'],
    ]);
  });
  it('refuses a row with more filled cells than the header, and warns about a short one', () => {
    const shifted = validateRow(['Ann Lee', '1 Main St', ' Apt 2', 'Boston', 'MA', '02134'], mapping, 5);
    expect(codes(shifted)).toContainEqual([null, 'EXTRA_CELLS']);
    // Empty trailing cells (Excel pads rows) are not extra.
    expect(validateRow(['Ann Lee', '1 Main St', 'Boston', 'MA', '02134', '', ' '], mapping, 5).ok).toBe(true);
    const short = validateRow(['Ann Lee', '1 Main St', 'Boston', 'MA', '02134'], mapping, 7);
    expect(short).toMatchObject({ ok: true, warnings: [{ field: null, code: 'MISSING_CELLS' }] });
  });
  it('refuses a character no letter can print in a name or address, naming the field and the character', () => {
    // 0x81 is not a Windows-1252 character: decoded, it becomes U+0081, which no letter can print.
    expect(validateRow(['Se\u0081n Lee', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5)).toMatchObject({
      ok: false,
      errors: [
        {
          field: 'fullName',
          code: 'CONTROL_CHARACTER',
          reason: "the name contains a control character (U+0081): the file's encoding may be wrong",
        },
      ],
    });
    expect(codes(validateRow(['Ann Lee', '1 Main\u0007 St', 'Boston', 'MA', '02134'], mapping, 5))).toEqual([
      ['address1', 'CONTROL_CHARACTER'],
    ]);
    // A compatibility ideograph (U+FA10) is stored as its unified form (U+585A), which the fonts print:
    // what is checked is what is stored and printed.
    expect(validateRow(['\uFA10 Lee', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5)).toMatchObject({
      ok: true,
      recipient: { name: '\u585A Lee' },
    });
    // CJK prints (fallback fonts); an emoji or a right-to-left script does not, and the row says so.
    expect(validateRow(['王小明', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5).ok).toBe(true);
    expect(validateRow(['Ann 🙂', '1 Main St', 'Boston', 'MA', '02134'], mapping, 5)).toMatchObject({
      errors: [{ field: 'fullName', code: 'UNPRINTABLE_CHARACTER', reason: expect.stringContaining('U+1F642') }],
    });
  });
  it('reads a date of birth, and tells apart a father and son of one name and address by it', () => {
    const withDob = { ...mapping, dateOfBirth: 5 };
    const senior = validateRow(['John Smith', '1 Main St', 'Boston', 'MA', '02134', '3/4/1950'], withDob, 6);
    const junior = validateRow(['John Smith', '1 Main St', 'Boston', 'MA', '02134', '1980-07-09'], withDob, 6);
    if (!senior.ok || !junior.ok) throw new Error('both rows are valid');
    expect([senior.dateOfBirth, junior.dateOfBirth]).toEqual(['1950-03-04', '1980-07-09']);
    expect(dedupeText(senior.recipient, senior.dateOfBirth)).not.toBe(dedupeText(junior.recipient, junior.dateOfBirth));
    expect(dedupeText(senior.recipient, null)).toBe(dedupeText(junior.recipient, null));
    // A guessed date is a warning that says how it was read, never the date (not even the year).
    const guessed = validateRow(['John Smith', '1 Main St', 'Boston', 'MA', '02134', '3/4/80'], withDob, 6);
    expect(guessed).toMatchObject({
      ok: true,
      dateOfBirth: '1980-03-04',
      warnings: [{ code: 'DATE_OF_BIRTH_GUESSED' }],
    });
    expect(JSON.stringify(guessed.warnings)).not.toMatch(/19|80/);
    const unreadable = validateRow(['John Smith', '1 Main St', 'Boston', 'MA', '02134', '31/31/1950'], withDob, 6);
    expect(unreadable).toMatchObject({ ok: true, dateOfBirth: null, warnings: [{ code: 'DATE_OF_BIRTH_UNREADABLE' }] });
  });
});

describe('parseDateOfBirth', () => {
  const today = new Date('2026-12-01T00:00:00Z');
  it.each([
    ['1980-03-04', '1980-03-04'],
    ['1980-03-04T00:00:00', '1980-03-04'],
    ['3/4/1980', '1980-03-04'],
    ['03-04-1980', '1980-03-04'],
    ['19800304', '1980-03-04'],
    ['3/4/80', '1980-03-04'],
    ['3/4/19', '2019-03-04'],
    ['29284', '1980-03-04'],
  ])('%s → %s', (raw, date) => expect(parseDateOfBirth(raw, today)).toMatchObject({ ok: true, date }));
  it.each(['2/30/1980', '1880-01-01', '2027-01-01', 'March 4', '13/01/1980', '1980'])('refuses %s', (raw) =>
    expect(parseDateOfBirth(raw, today).ok).toBe(false),
  );
});

describe('readCsv', () => {
  it('reads a BOM, Excel quoting, semicolons and CRLF, numbering rows as a spreadsheet does', async () => {
    const csv = '\uFEFFname;address;city\r\n"Nuñez; Ana";"1 ""Main"" St";Boston\r\n\r\n"Multi\nLine";2 Elm;Salem\r\n';
    expect(await collect(csv)).toEqual([
      { headers: ['name', 'address', 'city'] },
      { row: 2, cells: ['Nuñez; Ana', '1 "Main" St', 'Boston'] },
      { row: 5, cells: ['Multi\nLine', '2 Elm', 'Salem'] },
    ]);
  });

  it('reads Windows-1252 cells next to UTF-8 ones', async () => {
    const mixed = Buffer.concat([Buffer.from('name,city\nNuñez,Añasco\n'), Buffer.from('Peña,Mayagüez\n', 'latin1')]);
    const rows = (await collect(mixed)).slice(1) as Array<{ cells: string[] }>;
    expect(rows.map((r) => r.cells)).toEqual([
      ['Nuñez', 'Añasco'],
      ['Peña', 'Mayagüez'],
    ]);
  });

  it('reads the Windows-1252 characters ISO-8859-1 does not have (’ œ Š –) as they were written', async () => {
    // "Seán O’Brien, Œuvre–Š" as Excel on Windows saves it: 0x92 ’, 0x8C Œ, 0x96 –, 0x8A Š.
    const cp1252 = Buffer.from([
      ...Buffer.from('name,city\nSe'),
      0xe1,
      ...Buffer.from('n O'),
      0x92,
      ...Buffer.from('Brien,'),
      0x8c,
      ...Buffer.from('uvre'),
      0x96,
      0x8a,
      0x0a,
    ]);
    const [row] = (await collect(cp1252)).slice(1) as Array<{ cells: string[] }>;
    expect(row!.cells).toEqual(['Seán O’Brien', 'Œuvre–Š']);
    expect(row!.cells.join('')).not.toMatch(/[\u0080-\u009f]/);
  });

  it('turns a byte Windows-1252 does not define into a row that is refused, never a stored control character', async () => {
    const bad = Buffer.from([
      ...Buffer.from('name,address,city,state,zip\nSe'),
      0x81,
      ...Buffer.from('n Lee,1 Main St,Boston,MA,02134\n'),
    ]);
    const [row] = (await collect(bad)).slice(1) as Array<{ cells: string[] }>;
    expect(row!.cells[0]).toBe('Se\uFFFDn Lee');
    expect(validateRow(row!.cells, { fullName: 0, address1: 1, city: 2, state: 3, zip: 4 }, 5)).toMatchObject({
      ok: false,
      errors: [{ field: 'fullName', code: 'CONTROL_CHARACTER', reason: expect.stringContaining('(U+FFFD)') }],
    });
  });

  it.each([
    ['', 'EMPTY_LIST'],
    ['\uFEFF\r\n', 'EMPTY_LIST'],
    ['name,address,city\n', 'NO_DATA_ROWS'],
    ['just one column\nAna\n', 'NO_COLUMNS'],
    ['name,address\n"unclosed,1 Main\n', 'MALFORMED_CSV'],
  ])('%j → %s', async (input, code) => {
    await expect(collect(input)).rejects.toMatchObject({ code });
  });

  it('stops at the row limit', async () => {
    await expect(collect('a,b\n1,2\n3,4\n5,6\n', 2)).rejects.toBeInstanceOf(ListFileError);
  });
});
