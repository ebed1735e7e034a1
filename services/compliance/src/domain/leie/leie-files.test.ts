import { supplementsSince } from './leie-files';

describe('the monthly supplements after a full file', () => {
  it('lists EXCL then REIN for each month from the full file’s to now’s, across a new year', () => {
    const files = supplementsSince(new Date(Date.UTC(2026, 10, 3)), new Date(Date.UTC(2027, 0, 15)));
    expect(files.map((f) => f.name)).toEqual([
      '2026/2611EXCL.csv',
      '2026/2611REIN.csv',
      '2026/2612EXCL.csv',
      '2026/2612REIN.csv',
      '2027/2701EXCL.csv',
      '2027/2701REIN.csv',
    ]);
  });
  it('looks back at the latest twelve months at most', () => {
    const files = supplementsSince(new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2026, 11, 1)));
    expect(files).toHaveLength(24);
    expect(files[0]!.name).toBe('2026/2601EXCL.csv');
    expect(files.at(-1)!.name).toBe('2026/2612REIN.csv');
  });
});
