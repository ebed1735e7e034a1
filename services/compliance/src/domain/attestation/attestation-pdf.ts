import PDFDocument from 'pdfkit';
import type { Attestation } from './monthly-attestation';

const MARGIN = 50;

/**
 * The attestation as a PDF a compliance officer files: what was checked (sources and snapshot
 * versions), each provider's results, the decisions taken and the events raised in the month. Set
 * in the PDF standard fonts (Helvetica): names outside Latin-1 are written with their accents
 * folded, which pdfkit's standard fonts cannot show.
 */
export async function attestationPdf(a: Attestation): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: {
      Title: `Exclusion screening attestation ${a.month}`,
      Author: 'PatientLetterHub',
      Subject: `Practice ${a.tenantId}`,
      CreationDate: a.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const text = (value: string) => latin1(value);
  const heading = (value: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text(value)).moveDown(0.3);
  const body = (value: string) => doc.font('Helvetica').fontSize(9).text(text(value));

  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(text(`Exclusion screening attestation — ${a.month}`));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444')
    .text(text(`Practice ${a.tenantId}`));
  doc.fillColor('black');
  body(`Generated ${a.generatedAt.toISOString()} by user ${a.generatedBy}.`);
  body(
    'Each provider below was screened during the month against the sources listed, at the snapshot versions listed. ' +
      'NPI statuses are the CMS NPI Registry’s as of the dates shown ("not checked" where it was not asked). ' +
      'Possible matches were decided by the people named.',
  );

  heading('Sources checked');
  for (const s of a.sources)
    body(
      `${s.name}: ${s.versions.length ? `snapshot versions ${s.versions.join(', ')}` : s.name === 'cms-nppes' ? 'NPI lookups (dates per provider)' : 'not used this month'}` +
        `; last successful sync ${s.lastSuccessAt?.toISOString() ?? 'never'}${s.isActive ? '' : ' (switched off)'}`,
    );

  heading(`Providers screened (${a.providers.length})`);
  if (a.providers.length === 0) body('No provider was screened this month.');
  for (const p of a.providers) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(text(`${p.providerName} — NPI ${p.npi ?? 'none'}`));
    body(
      `Result: ${p.exclusionStatus} (seen this month: ${p.statusesSeen.join(', ')}); NPI ${p.npiStatus ?? 'not checked'}` +
        `${p.npiCheckedAt ? ` as of ${p.npiCheckedAt.toISOString().slice(0, 10)}` : ''}. ` +
        `Screened ${p.screenings} time${p.screenings === 1 ? '' : 's'}, ${p.firstScreenedAt.toISOString()} to ${p.lastScreenedAt.toISOString()}; ` +
        `${Object.entries(p.versions)
          .map(([source, versions]) => `${source} v${versions.join(', v')}`)
          .join('; ')}.`,
    );
  }

  heading(`Decisions on possible matches (${a.decisions.length})`);
  if (a.decisions.length === 0) body('None this month.');
  for (const d of a.decisions)
    body(
      `${d.decidedAt.toISOString()}: ${d.decision} for provider ${d.providerId} (listing ${d.listingKey}) by user ${d.decidedBy}. Reason: ${d.reason}`,
    );

  heading(`Events raised (${a.events.length})`);
  if (a.events.length === 0) body('None this month.');
  for (const e of a.events)
    body(
      `${e.createdAt.toISOString()}: ${e.priority} ${e.eventType} (${e.source}) — ${e.title}. Now ${e.status}` +
        `${e.acknowledgedBy ? `; acknowledged by ${e.acknowledgedBy} ${e.acknowledgedAt?.toISOString()}` : ''}` +
        `${e.resolvedBy ? `; resolved by ${e.resolvedBy} ${e.resolvedAt?.toISOString()}: ${e.resolution ?? ''}` : ''}.`,
    );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** What the standard fonts can show: printable Latin-1, other letters' accents folded, the rest `?`. */
function latin1(value: string): string {
  return value
    .replace(/[—–]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, (ch) =>
      ch
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?'),
    );
}
