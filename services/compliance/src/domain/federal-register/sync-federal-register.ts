import type { SourceRecord, SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import type { SyncProgress } from '../leie/sync-leie';
import { fetchSourceFile, SourceFetchError } from '../sources/fetch-source-file';
import {
  DocumentsAnswerError,
  documentsUrl,
  readDocumentsPage,
  type RegulationDocument,
} from './federal-register-answer';
import { ShareBulletins } from './practice-bulletins';

const PER_PAGE = 100;
/** A sync reads at most this many pages (10,000 documents): more is a query gone wrong. */
const MAX_PAGES = 100;
const DAY_MS = 86_400_000;

/**
 * One Federal Register sync: the documents of the followed agencies and types published since the
 * latest one recorded (a day of overlap: the API publishes by day), or in the last `sinceDays` the
 * first time; every page followed by its `next_page_url` (on the same origin only: a page elsewhere, a
 * malformed link or more than MAX_PAGES pages fail the sync). New documents, and
 * documents whose title or dates changed, are recorded in one transaction and every practice's
 * bulletins brought up to date. An answer that is not a documents page fails the sync, recording nothing.
 */
export async function syncFederalRegister(
  deps: Pick<ComplianceDeps, 'systemWork' | 'sources'>,
  sync: SyncRecord,
  source: SourceRecord,
  progress: SyncProgress,
  now: Date = new Date(),
): Promise<void> {
  const config = source.config;
  const list = (key: string, fallback: string[]) =>
    Array.isArray(config[key]) && (config[key] as unknown[]).every((v) => typeof v === 'string')
      ? (config[key] as string[])
      : fallback;
  const sinceDays = Number.isFinite(Number(config.sinceDays)) ? Number(config.sinceDays) : 30;
  const latest = await deps.systemWork(({ regulations }) => regulations.latestPublication());
  const since = latest
    ? new Date(Date.parse(latest) - DAY_MS).toISOString().slice(0, 10)
    : new Date(now.getTime() - sinceDays * DAY_MS).toISOString().slice(0, 10);
  const base = String(config.baseUrl ?? '');
  let url: string | null = documentsUrl(base, {
    agencies: list('agencies', ['centers-for-medicare-medicaid-services', 'health-and-human-services-department']),
    types: list('types', ['RULE', 'PRORULE']),
    since,
    perPage: PER_PAGE,
  });
  const documents: RegulationDocument[] = [];
  let skipped = 0;
  let fetchedAt: Date | null = null;
  for (let page = 0; url; page++) {
    if (page === MAX_PAGES)
      throw new SourceFetchError(
        'BAD_ANSWER',
        `More than ${MAX_PAGES} pages of documents: narrow the agencies or types.`,
      );
    const fetched = await fetchSourceFile(url, deps.sources);
    if (fetched.status !== 'ok')
      throw new SourceFetchError('HTTP_ERROR', `${url} answered ${fetched.status === 'not_found' ? '404' : '304'}.`);
    fetchedAt ??= fetched.fetchedAt;
    let body: unknown;
    try {
      // The whole body first: a character split across two chunks must not be decoded in halves.
      body = JSON.parse(Buffer.concat(await fetched.body.toArray()).toString('utf8'));
    } catch (err) {
      if (err instanceof SourceFetchError) throw err;
      throw new SourceFetchError('BAD_ANSWER', `${url} did not answer JSON.`);
    }
    try {
      const read = readDocumentsPage(body);
      documents.push(...read.documents);
      skipped += read.skipped;
      url = read.next === null ? null : nextPage(read.next, url);
    } catch (err) {
      if (!(err instanceof DocumentsAnswerError)) throw err;
      throw new SourceFetchError('BAD_ANSWER', err.message);
    }
  }
  progress.fetchedAt = fetchedAt;
  progress.rowsRead = documents.length;
  const outcome = await deps.systemWork(async ({ sources, regulations, queue, audit }) => {
    await sources.lockApply(source.name);
    let news = 0;
    for (const doc of documents)
      if ((await regulations.save(doc, { syncId: sync.id, fetchedAt: fetchedAt ?? now })) !== 'same') news++;
    const current = (await sources.find(source.name))!;
    if (news === 0) return { news, version: null };
    const version = current.snapshotVersion + 1;
    await sources.update(source.name, { snapshotVersion: version, activeRows: await regulations.count() });
    await queue.enqueue(ShareBulletins, {});
    await audit.record({
      tenantId: null,
      action: 'compliance-source.apply',
      resource: { type: 'compliance-source', id: source.name },
      changes: [
        { field: 'snapshotVersion', from: current.snapshotVersion, to: version },
        { field: 'documents', to: news },
      ],
    });
    return { news, version };
  });
  progress.added = outcome.news;
  progress.snapshotVersion = outcome.version;
  progress.files.push({
    name: `documents.json (since ${since}${skipped ? `; ${skipped} incomplete skipped` : ''})`,
    kind: 'documents',
    outcome: outcome.news > 0 ? 'applied' : 'unchanged',
    sha256: null,
    bytes: 0,
    rows: documents.length,
  });
}

/**
 * The next page, on the same origin as this one (scheme, host and port): a page elsewhere, or a link
 * that is not a URL, fails the sync rather than stop reading quietly and skip older documents.
 */
function nextPage(next: string, current: string): string {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    throw new DocumentsAnswerError(`The next page's link is not a URL (${next.slice(0, 200)}).`);
  }
  if (url.origin !== new URL(current).origin)
    throw new DocumentsAnswerError(`The next page is on another site (${url.origin}); the documents were not read.`);
  return url.href;
}
