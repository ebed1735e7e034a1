/**
 * US mailing addresses in USPS style (Publication 28): upper case, no punctuation but `#` and `-`,
 * standard street suffix, directional and unit abbreviations, ZIP or ZIP+4 as `12345-6789`, and a
 * check that the ZIP's three-digit prefix belongs to the state (USPS sectional center ranges).
 * See: https://pe.usps.com/text/pub28/welcome.htm
 */

/** USPS state and territory codes, with the full names people type. */
// prettier-ignore
export const STATES: Record<string, string> = {
  AL: 'ALABAMA', AK: 'ALASKA', AZ: 'ARIZONA', AR: 'ARKANSAS', CA: 'CALIFORNIA', CO: 'COLORADO',
  CT: 'CONNECTICUT', DE: 'DELAWARE', DC: 'DISTRICT OF COLUMBIA', FL: 'FLORIDA', GA: 'GEORGIA',
  HI: 'HAWAII', ID: 'IDAHO', IL: 'ILLINOIS', IN: 'INDIANA', IA: 'IOWA', KS: 'KANSAS', KY: 'KENTUCKY',
  LA: 'LOUISIANA', ME: 'MAINE', MD: 'MARYLAND', MA: 'MASSACHUSETTS', MI: 'MICHIGAN', MN: 'MINNESOTA',
  MS: 'MISSISSIPPI', MO: 'MISSOURI', MT: 'MONTANA', NE: 'NEBRASKA', NV: 'NEVADA', NH: 'NEW HAMPSHIRE',
  NJ: 'NEW JERSEY', NM: 'NEW MEXICO', NY: 'NEW YORK', NC: 'NORTH CAROLINA', ND: 'NORTH DAKOTA',
  OH: 'OHIO', OK: 'OKLAHOMA', OR: 'OREGON', PA: 'PENNSYLVANIA', RI: 'RHODE ISLAND',
  SC: 'SOUTH CAROLINA', SD: 'SOUTH DAKOTA', TN: 'TENNESSEE', TX: 'TEXAS', UT: 'UTAH', VT: 'VERMONT',
  VA: 'VIRGINIA', WA: 'WASHINGTON', WV: 'WEST VIRGINIA', WI: 'WISCONSIN', WY: 'WYOMING',
  PR: 'PUERTO RICO', VI: 'VIRGIN ISLANDS', GU: 'GUAM', AS: 'AMERICAN SAMOA',
  MP: 'NORTHERN MARIANA ISLANDS', FM: 'FEDERATED STATES OF MICRONESIA', MH: 'MARSHALL ISLANDS',
  PW: 'PALAU', AA: 'ARMED FORCES AMERICAS', AE: 'ARMED FORCES EUROPE', AP: 'ARMED FORCES PACIFIC',
};
const STATE_BY_NAME = new Map(Object.entries(STATES).map(([code, name]) => [name, code]));

/** ZIP prefix (first three digits) ranges per state, inclusive. */
// prettier-ignore
const ZIP3: Record<string, Array<[number, number]>> = {
  NY: [[5, 5], [63, 63], [100, 149]], PR: [[6, 7], [9, 9]], VI: [[8, 8]], MA: [[10, 27], [55, 55]],
  RI: [[28, 29]], NH: [[30, 38]], ME: [[39, 49]], VT: [[50, 59]], CT: [[60, 69]], NJ: [[70, 89]],
  AE: [[90, 98]], PA: [[150, 196]], DE: [[197, 199]], DC: [[200, 200], [202, 205], [569, 569]],
  MD: [[206, 219]], VA: [[201, 201], [220, 246]], WV: [[247, 268]], NC: [[270, 289]], SC: [[290, 299]],
  GA: [[300, 319], [398, 399]], FL: [[320, 349]], AA: [[340, 340]], AL: [[350, 369]], TN: [[370, 385]],
  MS: [[386, 397]], KY: [[400, 427]], OH: [[430, 459]], IN: [[460, 479]], MI: [[480, 499]],
  IA: [[500, 528]], WI: [[530, 549]], MN: [[550, 567]], SD: [[570, 577]], ND: [[580, 588]],
  MT: [[590, 599]], IL: [[600, 629]], MO: [[630, 658]], KS: [[660, 679]], NE: [[680, 693]],
  LA: [[700, 715]], AR: [[716, 729]], OK: [[730, 731], [734, 749]], TX: [[733, 733], [750, 799], [885, 885]],
  CO: [[800, 816]], WY: [[820, 831]], ID: [[832, 838]], UT: [[840, 847]], AZ: [[850, 865]],
  NM: [[870, 884]], NV: [[889, 898]], CA: [[900, 961]], AP: [[962, 966]], HI: [[967, 968]],
  GU: [[969, 969]], AS: [[967, 967]], MP: [[969, 969]], FM: [[969, 969]], MH: [[969, 969]], PW: [[969, 969]],
  OR: [[970, 979]], WA: [[980, 994]], AK: [[995, 999]],
};

// prettier-ignore
const SUFFIXES: Record<string, string> = {
  ALLEY: 'ALY', AVENUE: 'AVE', AV: 'AVE', BOULEVARD: 'BLVD', CIRCLE: 'CIR', COURT: 'CT', COVE: 'CV',
  CROSSING: 'XING', DRIVE: 'DR', EXPRESSWAY: 'EXPY', FREEWAY: 'FWY', HIGHWAY: 'HWY', LANE: 'LN',
  LOOP: 'LOOP', PARKWAY: 'PKWY', PLACE: 'PL', PLAZA: 'PLZ', POINT: 'PT', ROAD: 'RD', ROUTE: 'RTE',
  SQUARE: 'SQ', STREET: 'ST', STR: 'ST', TERRACE: 'TER', TRAIL: 'TRL', TURNPIKE: 'TPKE', WAY: 'WAY',
};
// prettier-ignore
const DIRECTIONS: Record<string, string> = {
  NORTH: 'N', SOUTH: 'S', EAST: 'E', WEST: 'W', NORTHEAST: 'NE', NORTHWEST: 'NW', SOUTHEAST: 'SE', SOUTHWEST: 'SW',
};
// prettier-ignore
const UNITS: Record<string, string> = {
  APARTMENT: 'APT', BUILDING: 'BLDG', DEPARTMENT: 'DEPT', FLOOR: 'FL', ROOM: 'RM', SUITE: 'STE',
  UNIT: 'UNIT', LOT: 'LOT', SPACE: 'SPC', TRAILER: 'TRLR',
};

const ABBREVIATED_DIRECTIONS = new Set(Object.values(DIRECTIONS));
const ABBREVIATED_UNITS = new Set(Object.values(UNITS));

/** Upper case, punctuation (but `#`, `-`, `/`) to spaces, one space between words. */
function clean(value: string): string {
  return value
    .normalize('NFC')
    .toUpperCase()
    .replace(/[.,;:'"`()[\]{}!?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A street line in USPS style: `123 north main street apartment 4` → `123 N MAIN ST APT 4`. */
export function normaliseStreet(line: string): string {
  let text = clean(line)
    .replace(/\bP\s*O\s*BOX\b/g, 'PO BOX')
    .replace(/\bPOST OFFICE BOX\b/g, 'PO BOX');
  const words = text.split(' ');
  text = words
    .map((w, i) => {
      const last = i === words.length - 1;
      if (DIRECTIONS[w]) return DIRECTIONS[w];
      if (UNITS[w]) return UNITS[w];
      // A suffix is the last word, or the word before a unit designator / directional.
      const next = words[i + 1];
      const beforeUnitOrDirection =
        next !== undefined &&
        (UNITS[next] ||
          DIRECTIONS[next] ||
          ABBREVIATED_UNITS.has(next) ||
          ABBREVIATED_DIRECTIONS.has(next) ||
          next.startsWith('#'));
      if (SUFFIXES[w] && (last || beforeUnitOrDirection)) return SUFFIXES[w];
      return w;
    })
    .join(' ');
  return text
    .replace(/\s#\s*/g, ' # ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function normaliseCity(city: string): string {
  return clean(city);
}

/** `ma`, `Mass.`? No: codes and full names only (`MA`, `massachusetts`) → `MA`; unknown → null. */
export function normaliseState(state: string): string | null {
  const s = clean(state);
  if (STATES[s]) return s;
  return STATE_BY_NAME.get(s) ?? null;
}

/**
 * `02134`, `2134` (Excel dropped the zero), `02134-1234`, `021341234` → `02134` / `02134-1234`;
 * anything else → null.
 */
export function normaliseZip(zip: string): string | null {
  const digits = zip.trim().replace(/\s/g, '');
  let m = /^(\d{5})(?:-?(\d{4}))?$/.exec(digits);
  if (!m && /^\d{4}(-?\d{4})?$/.test(digits)) m = /^(\d{5})(?:-?(\d{4}))?$/.exec(`0${digits}`);
  if (!m) return null;
  if (m[1] === '00000') return null;
  return m[2] ? `${m[1]}-${m[2]}` : m[1]!;
}

/** Whether the ZIP's prefix is one the state uses. */
export function zipMatchesState(zip: string, state: string): boolean {
  const ranges = ZIP3[state];
  if (!ranges) return true; // no table for it: do not refuse
  const prefix = Number(zip.slice(0, 3));
  return ranges.some(([lo, hi]) => prefix >= lo && prefix <= hi);
}

/** The states whose ZIP prefixes include this ZIP's (one, or a few where prefixes are shared). */
export function statesOfZip(zip: string): string[] {
  const prefix = Number(zip.slice(0, 3));
  return Object.entries(ZIP3)
    .filter(([, ranges]) => ranges.some(([lo, hi]) => prefix >= lo && prefix <= hi))
    .map(([state]) => state)
    .sort();
}

/** What a practice reads when the ZIP is not the state's: where the ZIP is, so the typo can be found. */
/**
 * Why a ZIP does not fit a state, saying where it is: "ZIP code 968xx is in HI, not TX". Only the
 * first three digits are named (HIPAA's safe-harbour form), as the reason is stored beside the row.
 */
export function zipStateMismatch(zip: string, state: string): string {
  const zip3 = `${zip.slice(0, 3)}xx`;
  const places = statesOfZip(zip);
  if (places.length === 0) return `ZIP code ${zip3} is not a ZIP code in use in ${state}`;
  return `ZIP code ${zip3} is in ${places.join(' or ')}, not ${state}`;
}

const PLACEHOLDER =
  /^(UNKNOWN|UNK|N\/?A|NONE|NULL|TBD|TEST|NO ADDRESS|ADDRESS UNKNOWN|HOMELESS|BAD ADDRESS|RETURNED MAIL|RTS|DECEASED|-+|X+|\?+)$/;

/**
 * Why a street line cannot be mailed to, or null: placeholders (`UNKNOWN`, `N/A`, `HOMELESS`,
 * `RETURNED MAIL`…), and lines with no house number unless they are a PO box, rural or highway
 * contract route, or general delivery.
 */
export function undeliverableReason(street: string): string | null {
  if (PLACEHOLDER.test(street)) return 'address is a placeholder';
  if (street.length < 4) return 'address is too short to be deliverable';
  if (/^(PO BOX|RR|HC|RURAL ROUTE|HIGHWAY CONTRACT|GENERAL DELIVERY|PSC|UNIT|CMR)\b/.test(street)) return null;
  if (!/\d/.test(street)) return 'address has no house number';
  return null;
}
