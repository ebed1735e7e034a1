#!/usr/bin/env node
/**
 * plh-events: the ops view of the event bus.
 *   plh-events dead-letters [--consumer <name>] [--limit <n>]   one JSON line per dead-lettered message
 *   plh-events streams                                        each stream with its message count
 * Uses NATS_URL and EVENT_NAMESPACE like the services.
 */
import { connectNats } from './connect';
import { listDeadLetters } from './dead-letter';
import { Namespace } from './naming';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const nats = await connectNats(process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 'plh-events');
  const ns = new Namespace(process.env.EVENT_NAMESPACE ?? '');
  try {
    if (args[0] === 'dead-letters') {
      const consumer = flag(args, 'consumer');
      const letters = await listDeadLetters(nats.jsm, ns, {
        ...(consumer ? { consumer } : {}),
        limit: Number(flag(args, 'limit') ?? 100),
      });
      for (const letter of letters) process.stdout.write(`${JSON.stringify(letter)}\n`);
    } else if (args[0] === 'streams') {
      for await (const info of nats.jsm.streams.list()) {
        process.stdout.write(
          `${info.config.name}\t${info.state.messages} messages\t${info.config.subjects.join(',')}\n`,
        );
      }
    } else {
      console.error('usage: plh-events dead-letters [--consumer <name>] [--limit <n>] | streams');
      process.exitCode = 2;
    }
  } finally {
    await nats.nc.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`plh-events: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
