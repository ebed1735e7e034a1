import type { SourceRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import { NppesError } from './nppes-answer';
import type { NppesOptions } from './nppes-client';

export const NPPES_SOURCE = 'cms-nppes';
const REGISTRY = 'https://npiregistry.cms.hhs.gov/api/';

/** A valid NPI: ten digits (the Luhn check digit is the registry's to judge: it answers not found). */
export const isNpi = (value: string | null | undefined): value is string => !!value && /^\d{10}$/.test(value);

/** How the source's config asks the registry to be read (ops set it; defaults are CMS's API, politely). */
export function nppesOptions(source: SourceRecord, timeoutMs: number): NppesOptions {
  const number = (key: string, fallback: number, min: number, max: number) => {
    const v = Number(source.config[key]);
    return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
  };
  return {
    baseUrl: typeof source.config.baseUrl === 'string' ? source.config.baseUrl : REGISTRY,
    requestsPerSecond: number('requestsPerSecond', 5, 0.1, 1000),
    timeoutMs,
    attempts: number('attempts', 3, 1, 10),
    retryDelayMs: number('retryDelayMs', 2_000, 0, 60_000),
  };
}

export interface VerifyOutcome {
  checked: number;
  /** NPIs whose record changed (status, names, taxonomies): their practices are screened again. */
  changed: Set<string>;
  failed: number;
  firstError: string | null;
}

/**
 * Looks each NPI up in the registry and records what it answered, one NPI per transaction (a long run
 * keeps what it did when it stops). A lookup that failed after its retries is recorded as `error`:
 * shown on the screening, never read as verified, asked again next time.
 */
export async function verifyNpis(
  deps: Pick<ComplianceDeps, 'systemWork' | 'nppes'>,
  npis: Iterable<string>,
  options: NppesOptions,
): Promise<VerifyOutcome> {
  const outcome: VerifyOutcome = { checked: 0, changed: new Set(), failed: 0, firstError: null };
  for (const npi of npis) {
    let answer: Awaited<ReturnType<typeof deps.nppes.lookUp>> | { error: string };
    try {
      answer = await deps.nppes.lookUp(npi, options);
    } catch (err) {
      if (!(err instanceof NppesError)) throw err;
      answer = { error: err.message };
      outcome.failed++;
      outcome.firstError ??= `NPI ${npi}: ${err.message}`;
    }
    outcome.checked++;
    if (await deps.systemWork(({ npis: registry }) => registry.save(npi, answer, new Date()))) outcome.changed.add(npi);
  }
  return outcome;
}

/** The `cms-nppes` source when it is on (and on an allowed host), with its options; null otherwise. */
export async function activeNppes(deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>): Promise<NppesOptions | null> {
  const source = await deps.systemWork(({ sources }) => sources.find(NPPES_SOURCE));
  if (!source?.isActive) return null;
  const options = nppesOptions(source, deps.sources.timeoutMs);
  // Not on an allowed host: nothing is asked (its scheduled sync fails with HOST_NOT_ALLOWED, for ops).
  return deps.sources.allowedHost(options.baseUrl) ? options : null;
}
