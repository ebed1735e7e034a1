import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { InvoiceRecord } from '../data/billing.repository';

const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The invoice as a one-page US Letter PDF (pdf-lib, standard Helvetica: invoices carry no patient
 * names, so WinAnsi text suffices). Metadata names the invoice, never a patient.
 */
export async function renderInvoicePdf(invoice: InvoiceRecord, practiceLabel: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${invoice.number}`);
  pdf.setAuthor('PatientLetterHub');
  pdf.setCreationDate(invoice.issuedAt);
  pdf.setModificationDate(invoice.issuedAt);
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const text = (s: string, x: number, y: number, size = 10, f = font) =>
    page.drawText(s.replace(/[^\x20-\x7e]/g, '?'), { x, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
  const right = (s: string, x: number, y: number, size = 10, f = font) =>
    text(s, x - f.widthOfTextAtSize(s, size), y, size, f);

  text('PatientLetterHub', 54, 738, 18, bold);
  text(`Invoice ${invoice.number}`, 54, 712, 12, bold);
  text(`Issued ${invoice.issuedAt.toISOString().slice(0, 10)}`, 54, 696);
  text(`Bill to: ${practiceLabel}`, 54, 680);
  text(`Order ${invoice.orderId}`, 54, 664, 8);

  let y = 626;
  text('Description', 54, y, 10, bold);
  right('Qty', 400, y, 10, bold);
  right('Unit', 480, y, 10, bold);
  right('Amount', 558, y, 10, bold);
  page.drawLine({ start: { x: 54, y: y - 6 }, end: { x: 558, y: y - 6 }, thickness: 0.5 });
  y -= 22;
  for (const line of [
    ...invoice.lines,
    ...invoice.adjustments.map((a) => ({
      description: a.description,
      quantity: 1,
      unitCents: a.totalCents,
      totalCents: a.totalCents,
    })),
  ]) {
    text(line.description.slice(0, 70), 54, y);
    right(String(line.quantity), 400, y);
    right(money(line.unitCents), 480, y);
    right(money(line.totalCents), 558, y);
    y -= 16;
  }
  page.drawLine({ start: { x: 360, y: y + 6 }, end: { x: 558, y: y + 6 }, thickness: 0.5 });
  right('Total', 480, y - 10, 11, bold);
  right(`${money(invoice.totalCents)} ${invoice.currency}`, 558, y - 10, 11, bold);
  text('Payment due within 30 days. Questions: billing@patientletterhub.com', 54, 60, 8);
  return pdf.save({ useObjectStreams: false });
}
