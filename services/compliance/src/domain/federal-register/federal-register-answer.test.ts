import { frDocument } from '../../../test/federal-register-documents';
import { DocumentsAnswerError, documentsUrl, readDocumentsPage } from './federal-register-answer';

describe('Federal Register API v1 documents', () => {
  it('asks for the agencies, types and fields followed, newest first, since a day', () => {
    const url = new URL(
      documentsUrl('https://www.federalregister.gov/api/v1', {
        agencies: ['centers-for-medicare-medicaid-services', 'health-and-human-services-department'],
        types: ['RULE', 'PRORULE'],
        since: '2026-11-01',
        perPage: 100,
      }),
    );
    expect(url.pathname).toBe('/api/v1/documents.json');
    expect(url.searchParams.getAll('conditions[agencies][]')).toEqual([
      'centers-for-medicare-medicaid-services',
      'health-and-human-services-department',
    ]);
    expect(url.searchParams.getAll('conditions[type][]')).toEqual(['RULE', 'PRORULE']);
    expect(url.searchParams.get('conditions[publication_date][gte]')).toBe('2026-11-01');
    expect(url.searchParams.get('order')).toBe('newest');
    expect(url.searchParams.getAll('fields[]')).toContain('comments_close_on');
  });

  it('reads documents with their dates and agencies, and the next page', () => {
    const page = readDocumentsPage({
      count: 2,
      total_pages: 2,
      next_page_url: 'https://www.federalregister.gov/api/v1/documents?page=2&format=json',
      results: [
        frDocument(),
        frDocument({
          document_number: '2026-1',
          type: 'Proposed Rule',
          effective_on: null,
          comments_close_on: '2027-01-06',
        }),
      ],
    });
    expect(page.next).toMatch(/page=2/);
    expect(page.documents).toEqual([
      {
        documentNumber: '2026-21874',
        type: 'Rule',
        title: 'Medicare Program; CY 2027 Payment Policies Under the Physician Fee Schedule',
        abstract: expect.stringContaining('final rule'),
        htmlUrl: expect.stringMatching(/^https:\/\/www\.federalregister\.gov\//),
        agencies: ['health-and-human-services-department', 'centers-for-medicare-medicaid-services'],
        publicationDate: '2026-11-05',
        effectiveOn: '2027-01-01',
        commentsCloseOn: null,
      },
      expect.objectContaining({ type: 'Proposed Rule', effectiveOn: null, commentsCloseOn: '2027-01-06' }),
    ]);
  });

  it('skips a document without what a bulletin needs, and reads an empty search', () => {
    const page = readDocumentsPage({
      count: 3,
      results: [
        frDocument({ title: '' }),
        frDocument({ html_url: 'javascript:alert(1)' }),
        frDocument({ publication_date: '5 Nov' }),
      ],
    });
    expect(page).toEqual({ documents: [], skipped: 3, next: null });
    expect(readDocumentsPage({ count: 0, description: 'No documents' })).toEqual({
      documents: [],
      skipped: 0,
      next: null,
    });
  });

  it.each([[null], [[]], ['<html>'], [{ errors: { 'conditions[agencies]': ['not a valid agency'] } }], [{ count: 5 }]])(
    'refuses what is not a documents page (%j)',
    (body) => expect(() => readDocumentsPage(body)).toThrow(DocumentsAnswerError),
  );
});
