import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as contracts from './index';
import { renderEventCatalogue } from './catalogue';
import { ALL_EVENTS, SUBSCRIPTIONS, assertDeclaredSubscription, OrderPlaced } from './index';
import type { EventDefinition } from './registry';

const root = path.join(__dirname, '..', '..', '..');
/** The service folder that publishes `plh.<service>.…`. */
const SERVICE_DIRS: Record<string, string> = {
  tenant: 'tenant',
  core: 'core',
  proof: 'proof-engine',
  compliance: 'compliance',
  notification: 'notification',
};

function sourceOf(service: string): string {
  const dir = path.join(root, 'services', service, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

describe('the event catalogue', () => {
  it('docs/events.md is what the contracts say today (run `pnpm docs:events` after changing them)', () => {
    expect(readFileSync(path.join(root, 'docs', 'events.md'), 'utf8')).toBe(renderEventCatalogue());
  });

  it('lists every event with its publisher and its subscribers', () => {
    const catalogue = renderEventCatalogue();
    for (const event of ALL_EVENTS) expect(catalogue).toContain(`### ${event.type}`);
    expect(catalogue).toMatch(/### plh\.core\.order\.placed[\s\S]*?Subscriber: proof-engine `proof-order-events`/);
  });

  it('every event type has a publisher: its service’s code names the contract', () => {
    const named = (Object.entries(contracts) as Array<[string, unknown]>).filter(
      (entry): entry is [string, EventDefinition] =>
        typeof entry[1] === 'object' && entry[1] !== null && 'type' in entry[1] && 'schema' in entry[1],
    );
    const sources = new Map<string, string>();
    const unpublished: string[] = [];
    for (const [name, event] of named) {
      if (event.type.endsWith('.audit.recorded')) continue; // every unit of work's audit.record()
      const service = SERVICE_DIRS[event.type.split('.')[1]!];
      expect(service).toBeDefined();
      if (!sources.has(service!)) sources.set(service!, sourceOf(service!));
      if (!new RegExp(`\\b${name}\\b`).test(sources.get(service!)!)) unpublished.push(event.type);
    }
    // Every contract is an export with a name a publisher can use.
    const exported = new Set(named.map(([, event]) => event.type));
    for (const event of ALL_EVENTS) if (!event.type.endsWith('.audit.recorded')) expect(exported).toContain(event.type);
    expect(unpublished).toEqual([]);
  });

  it('every durable subscription is named in its service’s code (platform.consume checks the rest at start)', () => {
    for (const sub of SUBSCRIPTIONS) {
      for (const event of sub.events) expect(ALL_EVENTS).toContain(event);
      if (sub.delivery !== 'durable') continue;
      expect(sourceOf(sub.service)).toContain(`name: '${sub.name}'`);
    }
  });

  it('refuses a consumer that is not declared, or handles other types than declared', () => {
    expect(() => assertDeclaredSubscription('made-up', [OrderPlaced.type])).toThrow(/not declared/);
    expect(() => assertDeclaredSubscription('proof-order-events', [OrderPlaced.type])).toThrow(
      /SUBSCRIPTIONS declares/,
    );
    expect(assertDeclaredSubscription('core-proof-jobs', ['plh.proof.job.failed', 'plh.proof.job.ready']).service).toBe(
      'core',
    );
  });
});
