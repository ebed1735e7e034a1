/** A CSV cell as spreadsheets read it: quoted when needed, and never a formula (CSV injection: `= + - @`). */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let v = String(value);
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
