/**
 * Where compliance sources may be read from: exact hosts (`oig.hhs.gov`) or a domain and its
 * subdomains (`*.hhs.gov`), over http(s). Ops point sources at URLs; this keeps a mistaken or
 * malicious URL from making the service request something inside the private network.
 */
export function sourceHostPolicy(list: string): (url: string) => boolean {
  const entries = list
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    const host = parsed.hostname.toLowerCase();
    return entries.some((e) => (e.startsWith('*.') ? host === e.slice(2) || host.endsWith(e.slice(1)) : host === e));
  };
}
