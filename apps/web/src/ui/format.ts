/** How amounts, statuses and times read on every page. */
export const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** `proof_ready` → "proof ready". */
export const words = (code: string) => code.replaceAll('_', ' ');

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

const ORDER_STATUS_COLORS: Record<string, string> = {
  proof_ready: 'orange',
  approved: 'teal',
  in_production: 'indigo',
  mailed: 'green',
  completed: 'green',
  cancelled: 'gray',
  failed: 'red',
};
export const orderStatusColor = (status: string) => ORDER_STATUS_COLORS[status] ?? 'blue';
