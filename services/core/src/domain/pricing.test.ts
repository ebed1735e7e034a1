import { ouncesPerLetter, priceLetters, priceTable, PricingError, totals } from './pricing';

describe('pricing', () => {
  const base = { pages: 1, color: false, duplex: false, postageClass: 'first_class' as const };

  it('prices a one-page black First-Class letter in integer cents', () => {
    const lines = priceLetters(100, base);
    expect(lines).toEqual([
      expect.objectContaining({ code: 'production', quantity: 100, unitCents: 8 + 4 + 30, totalCents: 4200 }),
      expect.objectContaining({ code: 'postage_first_class', quantity: 100, unitCents: 74, totalCents: 7400 }),
    ]);
    expect(totals(lines)).toEqual({ subtotalCents: 4200, postageCents: 7400, totalCents: 11600 });
  });

  it('charges duplex by sheet, colour by impression, and extra ounces', () => {
    const lines = priceLetters(10, { pages: 8, color: true, duplex: true, postageClass: 'first_class' });
    expect(lines[0]!.unitCents).toBe(8 * 25 + 4 * 4 + 30);
    expect(ouncesPerLetter({ ...base, pages: 8, duplex: true })).toBe(1);
    expect(ouncesPerLetter({ ...base, pages: 8 })).toBe(2);
    expect(priceLetters(10, { ...base, pages: 8 })[1]!.unitCents).toBe(74 + 29);
  });

  it('discounts production by volume tier, never postage, and rounds once', () => {
    const lines = priceLetters(5_000, base);
    expect(lines.find((l) => l.code === 'volume_discount')!.totalCents).toBe(-Math.round(5_000 * 42 * 0.1));
    expect(totals(lines).postageCents).toBe(5_000 * 74);
    expect(priceLetters(499, base).some((l) => l.code === 'volume_discount')).toBe(false);
  });

  it('adds certified and return receipt fees; marketing mail is cheaper', () => {
    const certified = priceLetters(1, { ...base, postageClass: 'certified_return_receipt' });
    expect(certified.map((l) => l.code)).toEqual([
      'production',
      'postage_first_class',
      'certified_fee',
      'return_receipt',
    ]);
    expect(totals(priceLetters(1, { ...base, postageClass: 'marketing' })).postageCents).toBe(45);
  });

  it('applies tenant overrides over the defaults', () => {
    const table = priceTable({ envelopeCents: 20, postage: { marketingCents: 40 } });
    expect(priceLetters(1, base, table)[0]!.unitCents).toBe(8 + 4 + 20);
    expect(table.postage.firstClassFirstOunceCents).toBe(74);
  });

  it('uses a negotiated per-letter price instead of the list price and volume tiers; postage unchanged', () => {
    const lines = priceLetters(5_000, base, priceTable({ negotiatedPerLetterCents: 35 }));
    expect(lines[0]).toMatchObject({ unitCents: 35, totalCents: 5_000 * 35 });
    expect(lines.some((l) => l.code === 'volume_discount')).toBe(false);
    expect(totals(lines).postageCents).toBe(5_000 * 74);
  });

  it('refuses impossible inputs', () => {
    expect(() => priceLetters(0, base)).toThrow(PricingError);
    expect(() => priceLetters(1, { ...base, pages: 13 })).toThrow(PricingError);
  });
});
