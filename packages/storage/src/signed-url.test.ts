import { attachmentDisposition, safeFilename } from './signed-url';

describe('download names', () => {
  it('keeps a UTF-8 name exactly in filename*, with an ASCII fallback', () => {
    expect(attachmentDisposition('Liste Müller (2).csv')).toBe(
      `attachment; filename="Liste Muller (2).csv"; filename*=UTF-8''Liste%20M%C3%BCller%20%282%29.csv`,
    );
    expect(attachmentDisposition('王.pdf')).toBe(`attachment; filename=".pdf"; filename*=UTF-8''%E7%8E%8B.pdf`);
    expect(attachmentDisposition('a"b\\c.txt')).toContain('filename="a_b_c.txt"');
  });

  it('keeps no folder, control character or quote of a client’s name', () => {
    expect(safeFilename('C:\\Users\\me\\list.csv')).toBe('list.csv');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a\u0000b"\nc.csv')).toBe('abc.csv');
    expect(safeFilename('   ')).toBeNull();
    expect(safeFilename(null)).toBeNull();
    expect(safeFilename(`${'x'.repeat(300)}.csv`)).toHaveLength(200);
  });
});
