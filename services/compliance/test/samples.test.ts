import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocumentsPage } from '../src/domain/federal-register/federal-register-answer';
import { readLeie } from '../src/domain/leie/read-leie';
import { readNppesAnswer } from '../src/domain/nppes/nppes-answer';
import { PA_MEDICHECK } from '../src/domain/state-lists/pa-medicheck';
import { readStateList } from '../src/domain/state-lists/read-state-list';

/** The samples `npm start` serves must stay readable by the code that reads the real sources. */
describe('the bundled source samples', () => {
  const dir = path.join(__dirname, '../samples');

  it('has a LEIE full file with the demo’s excluded provider', async () => {
    const npis: Array<string | null> = [];
    for await (const row of readLeie(createReadStream(path.join(dir, 'oig-leie/UPDATED.csv')))) npis.push(row.npi);
    expect(npis.length).toBeGreaterThan(30);
    expect(npis).toContain('1245319599');
  });

  it('has NPI Registry answers for each demo provider', () => {
    const files = readdirSync(path.join(dir, 'cms-nppes')).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['1003000126.json', '1245319599.json', '1657483925.json']);
    for (const file of files) {
      const npi = file.replace('.json', '');
      const body: unknown = JSON.parse(readFileSync(path.join(dir, 'cms-nppes', file), 'utf8'));
      expect(readNppesAnswer(npi, body).status).toBe('active');
    }
  });

  it('has a Medicheck list in Pennsylvania’s format', async () => {
    const counts = { rows: 0 };
    const listings = [];
    for await (const l of readStateList(
      PA_MEDICHECK,
      createReadStream(path.join(dir, 'pa-medicheck/Medchk')),
      '2026-12-01',
      counts,
    ))
      listings.push(l);
    expect(counts.rows).toBe(22);
    expect(listings.length).toBeGreaterThan(10); // the terminated ones have ended
    expect(listings.some((l) => l.businessName !== '' && l.npi !== null)).toBe(true);
  });

  it('has a Federal Register page of complete documents', () => {
    const page = readDocumentsPage(JSON.parse(readFileSync(path.join(dir, 'federal-register/documents.json'), 'utf8')));
    expect(page).toMatchObject({ skipped: 0, next: null });
    expect(page.documents.map((d) => d.type).sort()).toEqual(['Proposed Rule', 'Rule', 'Rule']);
  });
});
