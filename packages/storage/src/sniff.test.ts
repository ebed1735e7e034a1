import { sniffContentType } from './sniff';

describe('sniffContentType', () => {
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    ['\uFEFFname,address\nA,B\n', 'text/csv'],
    ['name;address\r\nA;B\r\n', 'text/csv'],
    ['name\taddress\nA\tB\n', 'text/csv'],
    ['Dear patient,\nwe are closing.\n', 'text/plain'],
    ['<!DOCTYPE html><html><body>{{name}}</body></html>', 'text/html'],
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml'],
  ])('%j is %s', (text, type) => {
    expect(sniffContentType(Buffer.from(text))).toBe(type);
  });

  it('recognises images, zip containers (xlsx), binary and empty input', () => {
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('PK\x03\x04xl/workbook.xml', 'latin1'))).toBe('application/zip');
    expect(sniffContentType(Buffer.from([1, 2, 3, 0, 5]))).toBe('application/octet-stream');
    expect(sniffContentType(Buffer.alloc(0))).toBe('application/x-empty');
  });

  it('takes a Windows-1252 list (bytes above 0x7f, no NULs) as text', () => {
    expect(sniffContentType(Buffer.from('name,city\nNu\xf1ez,Espa\xf1ola\n', 'latin1'))).toBe('text/csv');
  });
});
