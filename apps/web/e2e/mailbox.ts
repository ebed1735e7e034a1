import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The first link to `pathname` in the emails `npm start`'s local mailbox kept for `to` (the raw .eml files:
 * quoted-printable soft line breaks and `=3D` undone); throws while there is none.
 */
export function linkInMail(mailDir: string, to: string, pathname: string): string {
  const mails = readdirSync(mailDir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) =>
      readFileSync(path.join(mailDir, f), 'utf8')
        .replace(/=\r?\n/g, '')
        .replaceAll('=3D', '='),
    )
    .filter((raw) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw));
  for (const raw of mails) {
    const link = new RegExp(`https?://[^\\s"<>]+${pathname}#token=[A-Za-z0-9_.~-]+`).exec(raw);
    if (link) return link[0];
  }
  throw new Error(`no email to ${to} with a ${pathname} link yet (${mails.length} emails to them)`);
}
