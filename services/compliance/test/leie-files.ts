import { LEIE_COLUMNS } from '../src/domain/leie/leie-format';

/** One LEIE record as OIG writes it: every field quoted, YYYYMMDD dates, `00000000`/`0000000000` for none. */
export interface LeieRecord {
  LASTNAME?: string;
  FIRSTNAME?: string;
  MIDNAME?: string;
  BUSNAME?: string;
  GENERAL?: string;
  SPECIALTY?: string;
  UPIN?: string;
  NPI?: string;
  DOB?: string;
  ADDRESS?: string;
  CITY?: string;
  STATE?: string;
  ZIP?: string;
  EXCLTYPE?: string;
  EXCLDATE?: string;
  REINDATE?: string;
  WAIVERDATE?: string;
  WVRSTATE?: string;
}

const DEFAULTS: Required<LeieRecord> = {
  LASTNAME: '',
  FIRSTNAME: '',
  MIDNAME: '',
  BUSNAME: '',
  GENERAL: 'IND- LIC HC SERV PRO',
  SPECIALTY: 'NURSE/NURSES AIDE',
  UPIN: '',
  NPI: '0000000000',
  DOB: '00000000',
  ADDRESS: '1 MAIN ST',
  CITY: 'SPRINGFIELD',
  STATE: 'IL',
  ZIP: '62701',
  EXCLTYPE: '1128b4',
  EXCLDATE: '20240520',
  REINDATE: '00000000',
  WAIVERDATE: '00000000',
  WVRSTATE: '',
};

const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

/** A LEIE CSV file (CRLF line ends, as OIG serves it) of these records. */
export function leieCsv(records: LeieRecord[], header: readonly string[] = LEIE_COLUMNS): string {
  const lines = [header.join(',')];
  for (const r of records) {
    const full = { ...DEFAULTS, ...r };
    lines.push(LEIE_COLUMNS.map((c) => quote(full[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `n` unremarkable listings (distinct people, no NPI), to make a full file of realistic size. */
export function fillerRecords(n: number, prefix = 'FILLER'): LeieRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    LASTNAME: `${prefix}${i}`,
    FIRSTNAME: 'PAT',
    DOB: `19${50 + (i % 40)}0${1 + (i % 9)}1${i % 10}`,
    EXCLDATE: `20${10 + (i % 14)}0${1 + (i % 9)}15`,
  }));
}
