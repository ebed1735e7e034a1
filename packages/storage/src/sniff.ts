/**
 * The content type of a file from its first bytes (magic numbers), for the kinds of file a practice
 * uploads. The uploader's Content-Type and file name are not trusted: a "logo.png" that is a PDF is a PDF.
 * Text is classified as text/csv when it looks like a delimited table, else text/plain; HTML templates
 * as text/html. Anything else is application/octet-stream.
 */
export function sniffContentType(head: Buffer): string {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip'; // also xlsx/docx: refused as patient lists
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'application/x-ole-storage'; // legacy .xls/.doc
  if (head.length === 0) return 'application/x-empty';
  if (!looksLikeText(head)) return 'application/octet-stream';
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(<!doctype html|<html|<body|<div|<p[\s>]|<table|{{)/i.test(text)) return 'text/html';
  if (/<svg[\s>]/i.test(text.slice(0, 512))) return 'image/svg+xml';
  return looksDelimited(text) ? 'text/csv' : 'text/plain';
}

/** No NUL bytes and few control characters: text in UTF-8 or a single-byte encoding (Windows-1252 lists). */
function looksLikeText(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= head.length / 100;
}

function looksDelimited(text: string): boolean {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  if (lines.length === 0) return false;
  return [',', ';', '\t', '|'].some((d) => lines.every((l) => l.includes(d)));
}
