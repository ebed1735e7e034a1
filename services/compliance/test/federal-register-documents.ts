/** One document of a Federal Register API v1 `documents.json` page, with the fields the sync asks for. */
export function frDocument(over: Record<string, unknown> = {}) {
  return {
    title: 'Medicare Program; CY 2027 Payment Policies Under the Physician Fee Schedule',
    type: 'Rule',
    abstract:
      'This final rule addresses changes to the physician fee schedule and other Medicare Part B payment policies.',
    document_number: '2026-21874',
    html_url:
      'https://www.federalregister.gov/documents/2026/11/05/2026-21874/medicare-program-cy-2027-payment-policies',
    publication_date: '2026-11-05',
    effective_on: '2027-01-01',
    comments_close_on: null,
    agencies: [
      {
        raw_name: 'DEPARTMENT OF HEALTH AND HUMAN SERVICES',
        name: 'Health and Human Services Department',
        id: 221,
        url: 'https://www.federalregister.gov/agencies/health-and-human-services-department',
        json_url: 'https://www.federalregister.gov/api/v1/agencies/221',
        parent_id: null,
        slug: 'health-and-human-services-department',
      },
      {
        raw_name: 'Centers for Medicare & Medicaid Services',
        name: 'Centers for Medicare & Medicaid Services',
        id: 45,
        url: 'https://www.federalregister.gov/agencies/centers-for-medicare-medicaid-services',
        json_url: 'https://www.federalregister.gov/api/v1/agencies/45',
        parent_id: 221,
        slug: 'centers-for-medicare-medicaid-services',
      },
    ],
    ...over,
  };
}

/** A `documents.json` page as the API answers it. */
export function frPage(results: unknown[], next: string | null = null, count = results.length) {
  return JSON.stringify({
    count,
    description: 'Documents of type Rule or Proposed Rule from Centers for Medicare & Medicaid Services',
    total_pages: next ? 2 : 1,
    ...(next ? { next_page_url: next } : {}),
    results,
  });
}

/** `days` from today, as the API writes dates. */
export const inDays = (days: number, from = new Date()) =>
  new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
