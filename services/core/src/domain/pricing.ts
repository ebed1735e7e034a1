/**
 * Letter pricing as pure functions over integer cents. A quote is the output of `priceLetters` for a
 * recipient count and options, frozen when issued. Production prices are ours (list prices below,
 * adjustable per tenant by overrides); postage follows USPS letter rates by weight.
 */

export type PostageClass = 'first_class' | 'marketing' | 'certified_return_receipt';

export interface PriceOptions {
  /** Printed pages per letter (sides with content). */
  pages: number;
  color: boolean;
  duplex: boolean;
  postageClass: PostageClass;
}

export interface QuoteLine {
  code: string;
  description: string;
  quantity: number;
  unitCents: number;
  totalCents: number;
  kind: 'production' | 'postage';
}

export interface PriceTable {
  impressionCents: { black: number; color: number };
  sheetCents: number;
  envelopeCents: number;
  /** A practice's negotiated price per letter (printing, envelope, handling); replaces the list price and volume discount. */
  negotiatedPerLetterCents: number | null;
  /** Discount on production (not postage) from a recipient count up, in percent. */
  volumeTiers: Array<{ from: number; percent: number }>;
  postage: {
    firstClassFirstOunceCents: number;
    firstClassExtraOunceCents: number;
    marketingCents: number;
    certifiedFeeCents: number;
    returnReceiptCents: number;
  };
}

// List prices (production) and USPS 2026 metered-letter rates (postage); ops change them per tenant.
export const DEFAULT_PRICES: PriceTable = {
  impressionCents: { black: 8, color: 25 },
  sheetCents: 4,
  envelopeCents: 30,
  negotiatedPerLetterCents: null,
  volumeTiers: [
    { from: 500, percent: 5 },
    { from: 5_000, percent: 10 },
    { from: 25_000, percent: 15 },
  ],
  postage: {
    firstClassFirstOunceCents: 74,
    firstClassExtraOunceCents: 29,
    marketingCents: 45,
    certifiedFeeCents: 530,
    returnReceiptCents: 440,
  },
};

/** A tenant's overrides (from its settings): any field of the table, merged over the defaults. */
export type PriceOverrides = Partial<Omit<PriceTable, 'postage' | 'impressionCents'>> & {
  impressionCents?: Partial<PriceTable['impressionCents']>;
  postage?: Partial<PriceTable['postage']>;
};

export function priceTable(overrides: PriceOverrides = {}): PriceTable {
  return {
    ...DEFAULT_PRICES,
    ...overrides,
    impressionCents: { ...DEFAULT_PRICES.impressionCents, ...overrides.impressionCents },
    postage: { ...DEFAULT_PRICES.postage, ...overrides.postage },
  };
}

export const sheetsPerLetter = (o: PriceOptions) => (o.duplex ? Math.ceil(o.pages / 2) : o.pages);

/** Ounces of a letter: #10 envelope ≈ 0.2 oz, 20 lb sheet ≈ 0.16 oz; rounded up. */
export const ouncesPerLetter = (o: PriceOptions) => Math.ceil(0.2 + sheetsPerLetter(o) * 0.16);

export class PricingError extends Error {}

/** The lines of a quote for `recipients` letters. */
export function priceLetters(
  recipients: number,
  options: PriceOptions,
  table: PriceTable = DEFAULT_PRICES,
): QuoteLine[] {
  if (!Number.isInteger(recipients) || recipients < 1) throw new PricingError('at least one recipient is needed');
  if (!Number.isInteger(options.pages) || options.pages < 1 || options.pages > 12)
    throw new PricingError('a letter has 1 to 12 pages');
  const sheets = sheetsPerLetter(options);
  const ounces = ouncesPerLetter(options);
  if (ounces > 3.5 && options.postageClass !== 'first_class')
    throw new PricingError('letters over 3.5 oz can only go First-Class (as flats)');

  const impression = options.color ? table.impressionCents.color : table.impressionCents.black;
  const negotiated = table.negotiatedPerLetterCents;
  const perLetter = negotiated ?? options.pages * impression + sheets * table.sheetCents + table.envelopeCents;
  const lines: QuoteLine[] = [
    line(
      'production',
      `Printing (${options.pages} page${options.pages > 1 ? 's' : ''}, ${options.color ? 'colour' : 'black'}, ${options.duplex ? 'duplex' : 'simplex'}), envelope and handling${negotiated !== null ? ' (negotiated price)' : ''}`,
      recipients,
      perLetter,
      'production',
    ),
  ];
  const tier =
    negotiated === null
      ? [...table.volumeTiers].sort((a, b) => b.from - a.from).find((t) => recipients >= t.from)
      : undefined;
  if (tier) {
    const discount = Math.round((recipients * perLetter * tier.percent) / 100);
    lines.push({
      code: 'volume_discount',
      description: `Volume discount ${tier.percent}% (${tier.from.toLocaleString('en-US')}+ letters)`,
      quantity: 1,
      unitCents: -discount,
      totalCents: -discount,
      kind: 'production',
    });
  }
  const p = table.postage;
  if (options.postageClass === 'marketing') {
    lines.push(line('postage_marketing', 'USPS Marketing Mail (presorted)', recipients, p.marketingCents, 'postage'));
  } else {
    const firstClass = p.firstClassFirstOunceCents + (ounces - 1) * p.firstClassExtraOunceCents;
    lines.push(line('postage_first_class', `USPS First-Class Mail (${ounces} oz)`, recipients, firstClass, 'postage'));
    if (options.postageClass === 'certified_return_receipt') {
      lines.push(line('certified_fee', 'USPS Certified Mail fee', recipients, p.certifiedFeeCents, 'postage'));
      lines.push(
        line('return_receipt', 'USPS Return Receipt (electronic)', recipients, p.returnReceiptCents, 'postage'),
      );
    }
  }
  return lines;
}

export function totals(lines: QuoteLine[]): { subtotalCents: number; postageCents: number; totalCents: number } {
  const sum = (kind: QuoteLine['kind']) => lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.totalCents, 0);
  const subtotalCents = sum('production');
  const postageCents = sum('postage');
  return { subtotalCents, postageCents, totalCents: subtotalCents + postageCents };
}

function line(
  code: string,
  description: string,
  quantity: number,
  unitCents: number,
  kind: QuoteLine['kind'],
): QuoteLine {
  return { code, description, quantity, unitCents, totalCents: quantity * unitCents, kind };
}
