import { Readable } from 'node:stream';
import { checkLeieHeader, leieDate, leieNpi, listingKey, toLeieRow } from './leie-format';
import { readLeie } from './read-leie';

const HEADER =
  'LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE';
const ROW =
  '"SMITH","JOHN","A","","IND- LIC HC SERV PRO","NURSE/NURSES AIDE","","0000000000","19650312","123 MAIN ST","BOSTON","MA","02134","1128a1","20150120","00000000","00000000",""';

const read = async (text: string) => {
  const rows = [];
  for await (const r of readLeie(Readable.from([Buffer.from(text)]))) rows.push(r);
  return rows;
};

describe('the LEIE format', () => {
  it('reads OIG’s quoting, dates, NPI placeholder and text ZIPs', async () => {
    const [row] = await read(`\uFEFF${HEADER}\r\n${ROW}\r\n`);
    expect(row).toMatchObject({
      lastName: 'SMITH',
      npi: null,
      dateOfBirth: '1965-03-12',
      zip: '02134',
      exclusionDate: '2015-01-20',
      reinstatementDate: null,
      waiverState: '',
    });
    expect(listingKey(row!)).toBe('SMITH|JOHN|A|||1965-03-12|1128A1|2015-01-20');
  });
  it('accepts the WAIVERSTATE spelling, and refuses other headers and HTML before any row', async () => {
    expect(() => checkLeieHeader(HEADER.replace('WVRSTATE', 'WAIVERSTATE').split(','))).not.toThrow();
    await expect(read(`LAST,FIRST\r\n${ROW}\r\n`)).rejects.toMatchObject({ code: 'WRONG_HEADER' });
    await expect(read('<!DOCTYPE html>\n<html><body>Error</body></html>')).rejects.toMatchObject({ code: 'NOT_CSV' });
    await expect(read('')).rejects.toMatchObject({ code: 'EMPTY_FILE' });
  });
  it('refuses a row with missing fields, an impossible date, or a quote left open at the end', async () => {
    await expect(read(`${HEADER}\r\n"SMITH","JOHN"\r\n`)).rejects.toMatchObject({ code: 'MALFORMED_ROW' });
    expect(() =>
      toLeieRow(
        ROW.split(',')
          .map((c) => c.replace(/"/g, ''))
          .map((c, i) => (i === 8 ? '19651332' : c)),
        2,
      ),
    ).toThrow(/DOB/);
    await expect(read(`${HEADER}\r\n${ROW.slice(0, 60)}`)).rejects.toMatchObject({ code: 'TRUNCATED' });
  });
  it('never takes the all-zero NPI or a malformed one as an NPI', () => {
    expect(leieNpi('0000000000')).toBeNull();
    expect(leieNpi('12345')).toBeNull();
    expect(leieNpi('1234567893')).toBe('1234567893');
    expect(leieDate('00000000')).toBeNull();
    expect(leieDate('20240230')).toBeUndefined();
  });
});
