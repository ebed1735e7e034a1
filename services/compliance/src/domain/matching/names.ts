/**
 * Person-name comparison for exclusion screening, the way a compliance officer reads a list: case,
 * accents, apostrophes, hyphens, periods and spaces do not matter (`O'Brien` = `OBRIEN`, `José` =
 * `JOSE`, `Mary-Ann` = `MARY ANN`), a nickname is the name (`Bill` = `William`), first and last names
 * may have been swapped on entry, and middle names or initials are ignored.
 */

/** Upper-case ASCII letters and digits only, accents folded (NFKD, marks dropped). */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The first word of a first-name field (`JOHN A` → `JOHN`: a middle initial typed into it), folded. */
function firstWord(value: string): string {
  return foldName(value.trim().split(/[\s.]+/)[0] ?? '');
}

/**
 * Common English nicknames, each group one given name. Kept to unambiguous pairs where possible; a
 * nickname in two groups (`AL`, `PAT`, `CHRIS`) belongs to each, and that only ever widens a *possible*
 * match, which also needs the identical date of birth and a person's decision.
 */
const NICKNAME_GROUPS: string[][] = [
  ['WILLIAM', 'BILL', 'BILLY', 'WILL', 'WILLIE', 'LIAM'],
  ['ROBERT', 'BOB', 'BOBBY', 'ROB', 'ROBBIE', 'BERT'],
  ['MARGARET', 'PEGGY', 'MAGGIE', 'MEG', 'MARGE', 'MARGIE', 'GRETA'],
  ['RICHARD', 'RICK', 'RICKY', 'DICK', 'RICH'],
  ['JAMES', 'JIM', 'JIMMY', 'JAMIE'],
  ['JOHN', 'JACK', 'JOHNNY', 'JON'],
  ['JONATHAN', 'JON', 'JONNY'],
  ['ELIZABETH', 'LIZ', 'LIZZIE', 'BETH', 'BETTY', 'BETSY', 'ELIZA', 'LISA'],
  ['KATHERINE', 'CATHERINE', 'KATHRYN', 'KATE', 'KATIE', 'KATHY', 'CATHY', 'KAT'],
  ['THOMAS', 'TOM', 'TOMMY'],
  ['MICHAEL', 'MIKE', 'MICKEY', 'MICK'],
  ['CHRISTOPHER', 'CHRIS', 'KIT'],
  ['CHRISTINE', 'CHRISTINA', 'CHRIS', 'TINA', 'CHRISSY'],
  ['DANIEL', 'DAN', 'DANNY'],
  ['DAVID', 'DAVE', 'DAVEY'],
  ['JOSEPH', 'JOE', 'JOEY'],
  ['ANTHONY', 'TONY'],
  ['STEPHEN', 'STEVEN', 'STEVE'],
  ['SAMUEL', 'SAM', 'SAMMY'],
  ['SAMANTHA', 'SAM', 'SAMMY'],
  ['ALEXANDER', 'ALEX', 'AL', 'SANDY'],
  ['ALEXANDRA', 'ALEX', 'SANDRA', 'SANDY'],
  ['ANDREW', 'ANDY', 'DREW'],
  ['EDWARD', 'ED', 'EDDIE', 'TED', 'TEDDY', 'NED'],
  ['THEODORE', 'TED', 'TEDDY', 'THEO'],
  ['FREDERICK', 'FRED', 'FREDDIE'],
  ['GREGORY', 'GREG'],
  ['GERALD', 'JERRY', 'GERRY'],
  ['LAWRENCE', 'LARRY'],
  ['MATTHEW', 'MATT'],
  ['NICHOLAS', 'NICK', 'NICKY'],
  ['PATRICK', 'PAT', 'PADDY'],
  ['PATRICIA', 'PAT', 'PATTY', 'TRISH', 'TRICIA'],
  ['PETER', 'PETE'],
  ['PHILIP', 'PHILLIP', 'PHIL'],
  ['RONALD', 'RON', 'RONNIE'],
  ['TIMOTHY', 'TIM', 'TIMMY'],
  ['VICTORIA', 'VICKY', 'VICKI', 'TORI'],
  ['SUSAN', 'SUE', 'SUZY', 'SUSIE'],
  ['JENNIFER', 'JEN', 'JENNY'],
  ['REBECCA', 'BECKY', 'BECCA'],
  ['DEBORAH', 'DEBRA', 'DEB', 'DEBBIE'],
  ['BARBARA', 'BARB', 'BABS'],
  ['DOROTHY', 'DOT', 'DOTTIE', 'DOLLY'],
  ['SARAH', 'SARA', 'SALLY'],
  ['CHARLES', 'CHARLIE', 'CHUCK', 'CHAS'],
  ['HENRY', 'HANK', 'HARRY'],
  ['HAROLD', 'HAL', 'HARRY'],
  ['ALBERT', 'AL', 'BERT'],
  ['ALFRED', 'AL', 'ALF', 'FRED'],
  ['BENJAMIN', 'BEN', 'BENNY'],
  ['KENNETH', 'KEN', 'KENNY'],
  ['JEFFREY', 'GEOFFREY', 'JEFF', 'GEOFF'],
  ['JOSHUA', 'JOSH'],
  ['AMANDA', 'MANDY'],
  ['ABIGAIL', 'ABBY', 'ABBIE'],
  ['NATHANIEL', 'NATHAN', 'NATE'],
  ['ZACHARY', 'ZACH', 'ZACK'],
  ['WALTER', 'WALT', 'WALLY'],
  ['RAYMOND', 'RAY'],
  ['DONALD', 'DON', 'DONNIE'],
  ['DOUGLAS', 'DOUG'],
  ['EUGENE', 'GENE'],
  ['LEONARD', 'LEN', 'LENNY', 'LEO'],
  ['VINCENT', 'VINCE', 'VINNY'],
  ['ANNE', 'ANN', 'ANNIE', 'NANCY', 'NAN'],
  ['ELEANOR', 'ELLIE', 'NELL', 'NELLIE'],
  ['JUDITH', 'JUDY'],
  ['CYNTHIA', 'CINDY'],
  ['PAMELA', 'PAM'],
  ['KIMBERLY', 'KIM'],
  ['TERESA', 'THERESA', 'TERRY', 'TESS'],
  ['FRANCIS', 'FRANK', 'FRANKIE'],
  ['FRANCES', 'FRAN', 'FRANNIE'],
];

const GROUPS_OF = new Map<string, number[]>();
NICKNAME_GROUPS.forEach((group, index) => {
  for (const name of group) GROUPS_OF.set(name, [...(GROUPS_OF.get(name) ?? []), index]);
});

/** Two given names are the same: equal once folded, or in one nickname group. */
export function sameGivenName(a: string, b: string): boolean {
  const [x, y] = [firstWord(a), firstWord(b)];
  if (!x || !y) return false;
  if (x === y || foldName(a) === foldName(b)) return true;
  const groups = GROUPS_OF.get(x);
  return !!groups && (GROUPS_OF.get(y) ?? []).some((g) => groups.includes(g));
}

/** Two family names are the same once folded (`O'Brien-Smith` = `OBRIEN SMITH`). */
export function sameFamilyName(a: string, b: string): boolean {
  const [x, y] = [foldName(a), foldName(b)];
  return x !== '' && x === y;
}

/** The person's name matches the listed one, as written or with first and last name swapped. */
export function namesMatch(
  person: { firstName: string; lastName: string },
  listed: { firstName: string; lastName: string },
): boolean {
  return (
    (sameGivenName(person.firstName, listed.firstName) && sameFamilyName(person.lastName, listed.lastName)) ||
    (sameGivenName(person.firstName, listed.lastName) && sameFamilyName(person.lastName, listed.firstName))
  );
}

/** A licence number as boards print it differently: `A-01234`, `a 1234` and `A1234` are one licence. */
export const foldLicense = (value: string) => foldName(value).replace(/^([A-Z]*)0+(?=\d)/, '$1');
