import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The whole message as received (headers and MIME body). */
  raw: string;
}

export interface Mailbox {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Called with each message as it arrives (npm start writes them to .data/mail). */
  onMail?: (mail: ReceivedMail) => void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that accepts every message without authentication or TLS and keeps
 * it: the stand-in for a mail relay in tests and under `npm start`. `rejectWith` makes it answer a
 * transient or permanent SMTP error instead (a provider outage).
 */
export async function startMailbox(
  options: { port?: number; rejectWith?: () => { code: number; message: string } | null } = {},
): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const mailbox: Partial<Mailbox> = { received };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = options.rejectWith?.();
        if (refusal) {
          const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
          return callback(err);
        }
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(mail);
        mailbox.onMail?.(mail);
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return Object.assign(mailbox, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as Mailbox;
}
