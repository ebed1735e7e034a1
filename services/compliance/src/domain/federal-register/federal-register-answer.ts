/**
 * The Federal Register API v1 (`documents.json`): a page of `results` with `count`, `total_pages` and
 * `next_page_url` (follow it: it carries the API's own cursor). Each document names its `type` in words
 * (`Rule`, `Proposed Rule`) although the query filters by code (`RULE`, `PRORULE`); dates are
 * `YYYY-MM-DD`; `effective_on` and `comments_close_on` are null when the document has none.
 */

export interface RegulationDocument {
  documentNumber: string;
  type: string;
  title: string;
  abstract: string;
  htmlUrl: string;
  agencies: string[];
  publicationDate: string;
  effectiveOn: string | null;
  commentsCloseOn: string | null;
}

export interface DocumentsPage {
  documents: RegulationDocument[];
  /** Results that lack what a bulletin needs (a number, a title, a link, a publication date). */
  skipped: number;
  next: string | null;
}

/** The fields asked for: what a bulletin shows, nothing more. */
export const DOCUMENT_FIELDS = [
  'document_number',
  'type',
  'title',
  'abstract',
  'html_url',
  'agencies',
  'publication_date',
  'effective_on',
  'comments_close_on',
] as const;

/** The answer is not a documents page (an error object, an HTML page parsed as something else). */
export class DocumentsAnswerError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function readDocumentsPage(body: unknown): DocumentsPage {
  if (!isObject(body))
    throw new DocumentsAnswerError('The Federal Register answered something that is not a JSON object.');
  if (Array.isArray(body.errors) || isObject(body.errors))
    throw new DocumentsAnswerError(
      `The Federal Register answered an error: ${JSON.stringify(body.errors).slice(0, 300)}`,
    );
  // An empty search has no `results` key at all, only `count: 0`.
  if (body.results === undefined && body.count === 0) return { documents: [], skipped: 0, next: null };
  if (!Array.isArray(body.results)) throw new DocumentsAnswerError('The Federal Register answered without results.');
  const documents: RegulationDocument[] = [];
  let skipped = 0;
  for (const r of body.results) {
    const ok =
      isObject(r) &&
      text(r.document_number) &&
      text(r.title) &&
      /^https:\/\//.test(text(r.html_url)) &&
      isDay(r.publication_date);
    if (!ok) {
      skipped++;
      continue;
    }
    documents.push({
      documentNumber: text(r.document_number).slice(0, 40),
      type: text(r.type),
      title: text(r.title),
      abstract: text(r.abstract),
      htmlUrl: text(r.html_url),
      agencies: Array.isArray(r.agencies)
        ? r.agencies.flatMap((a) =>
            isObject(a) ? [text(a.slug) || text(a.name) || text(a.raw_name)].filter(Boolean) : [],
          )
        : [],
      publicationDate: r.publication_date as string,
      effectiveOn: isDay(r.effective_on) ? r.effective_on : null,
      commentsCloseOn: isDay(r.comments_close_on) ? r.comments_close_on : null,
    });
  }
  return { documents, skipped, next: typeof body.next_page_url === 'string' ? body.next_page_url : null };
}

/** The first page's URL: the agencies and types followed, published since `since`, newest first. */
export function documentsUrl(
  baseUrl: string,
  input: { agencies: readonly string[]; types: readonly string[]; since: string; perPage: number },
): string {
  const url = new URL('documents.json', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('per_page', String(input.perPage));
  url.searchParams.set('order', 'newest');
  url.searchParams.set('conditions[publication_date][gte]', input.since);
  for (const agency of input.agencies) url.searchParams.append('conditions[agencies][]', agency);
  for (const type of input.types) url.searchParams.append('conditions[type][]', type);
  for (const field of DOCUMENT_FIELDS) url.searchParams.append('fields[]', field);
  return url.href;
}
