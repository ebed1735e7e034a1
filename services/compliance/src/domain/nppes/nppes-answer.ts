/**
 * The CMS NPI Registry API v2.1 (`?version=2.1&number=<npi>`) and what its answers mean for one NPI.
 * Its quirks: errors come back with HTTP 200 and an `Errors` array instead of `results`; `number` is a
 * string; names are upper-case ASCII; a record whose `basic.status` is not `A` is deactivated.
 */

export type NpiStatus = 'active' | 'deactivated' | 'not_found' | 'error';

export interface RegistryTaxonomy {
  code: string;
  desc: string;
  state: string;
  license: string;
  primary: boolean;
}

/** A lookup that got an answer (never an error: those are thrown as NppesError). */
export interface NpiRecord {
  status: Exclude<NpiStatus, 'error'>;
  enumerationType: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  organizationName: string | null;
  taxonomies: RegistryTaxonomy[];
}

/** The registry could not answer for this NPI: retried, shown, never read as verified or not found. */
export class NppesError extends Error {
  constructor(
    message: string,
    /** Worth asking again (a 5xx, a timeout, a rate limit), or not (the registry refuses the question). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'NppesError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The record of `npi` in a registry answer (the parsed JSON body of an HTTP 200). */
export function readNppesAnswer(npi: string, body: unknown): NpiRecord {
  if (!isObject(body)) throw new NppesError('The NPI Registry answered something that is not a JSON object.', true);
  if (Array.isArray(body.Errors) && body.Errors.length > 0) {
    const first = body.Errors[0];
    const description = isObject(first) ? (text(first.description) ?? 'no description') : 'no description';
    // The registry refuses a question it cannot answer (a malformed number) and fails on its side the
    // same way; only the first is worth not asking again, and we never send a malformed number.
    throw new NppesError(`The NPI Registry answered an error: ${description.slice(0, 300)}`, true);
  }
  if (typeof body.result_count !== 'number' || !Array.isArray(body.results))
    throw new NppesError('The NPI Registry answered without result_count and results.', true);
  const match = body.results.find((r) => isObject(r) && String(r.number) === npi);
  if (body.result_count === 0 || !match) return notFound();
  const record = match as Json;
  const basic = isObject(record.basic) ? record.basic : {};
  const taxonomies = Array.isArray(record.taxonomies) ? record.taxonomies.filter(isObject) : [];
  const status = text(basic.status);
  // A record without a status says nothing about the NPI: asked again, never read as deactivated.
  if (status === null) throw new NppesError('The NPI Registry answered a record without a status.', true);
  return {
    status: status === 'A' ? 'active' : 'deactivated',
    enumerationType: text(record.enumeration_type),
    firstName: text(basic.first_name),
    middleName: text(basic.middle_name),
    lastName: text(basic.last_name),
    organizationName: text(basic.organization_name),
    taxonomies: taxonomies.map((t) => ({
      code: text(t.code) ?? '',
      desc: text(t.desc) ?? '',
      state: text(t.state) ?? '',
      license: text(t.license) ?? '',
      primary: t.primary === true,
    })),
  };
}

const notFound = (): NpiRecord => ({
  status: 'not_found',
  enumerationType: null,
  firstName: null,
  middleName: null,
  lastName: null,
  organizationName: null,
  taxonomies: [],
});
