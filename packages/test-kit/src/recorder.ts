import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export interface RecorderAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Recorder {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Decides each answer; replace it at any time. The default answers 200 with an empty JSON object. */
  answer: (req: RecordedRequest, index: number) => RecorderAnswer;
  close(): Promise<void>;
}

/**
 * A local HTTP server that records every request exactly as received (headers and raw body) and
 * answers as the test says: the stand-in of SendGrid's and Twilio's APIs and of partners' webhook
 * receivers, so tests assert on the real wire format the real client libraries produce.
 */
export async function startRecorder(answer?: Recorder['answer']): Promise<Recorder> {
  const recorder: Recorder = {
    url: '',
    requests: [],
    answer: answer ?? (() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' })),
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      const index = recorder.requests.push(recorded) - 1;
      const reply = recorder.answer(recorded, index);
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  server.keepAliveTimeout = 5_000;
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  recorder.url = `http://127.0.0.1:${port}`;
  recorder.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return recorder;
}
