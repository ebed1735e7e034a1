/**
 * The opt-out and opt-in keywords carriers and Twilio honour (CTIA guidelines): a text that is exactly
 * one of them, whatever its case and surrounding spaces or punctuation.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);

export function keywordOf(body: string): 'opt-out' | 'opt-in' | null {
  const word = body
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toUpperCase();
  if (OPT_OUT.has(word)) return 'opt-out';
  if (OPT_IN.has(word)) return 'opt-in';
  return null;
}
