import { compileTemplate, type CompiledTemplate } from './compile';
import { LIBRARY, type LetterType } from './library';

export interface CheckFailure {
  check: string;
  requirement: string;
  reason: 'not_in_template' | 'missing_value' | 'invalid_value';
  /** The merge fields that satisfy it (`letter.tollFreeNumber`). */
  fields: string[];
}

const lookup = (data: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);

/**
 * The legally required elements of a letter type: each must be referenced by the template (a custom
 * template that drops the toll-free number fails here, once, at upload) and have a value in the
 * campaign's data (checked before every proof).
 */
export function checkContent(
  letterType: LetterType,
  template: CompiledTemplate,
  letterData?: Record<string, unknown>,
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const check of LIBRARY[letterType].checks) {
    if (!check.anyOf.some((p) => template.paths.has(p))) {
      failures.push({
        check: check.id,
        requirement: check.requirement,
        reason: 'not_in_template',
        fields: check.anyOf,
      });
      continue;
    }
    if (!letterData) continue;
    const values = check.anyOf
      .map((p) => lookup(letterData, p))
      .filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (values.length === 0)
      failures.push({ check: check.id, requirement: check.requirement, reason: 'missing_value', fields: check.anyOf });
    else if (check.valid && !values.some((x) => check.valid!(x)))
      failures.push({ check: check.id, requirement: check.requirement, reason: 'invalid_value', fields: check.anyOf });
  }
  return failures;
}

/** The built-in template of a letter type, compiled once. */
const compiled = new Map<LetterType, CompiledTemplate>();
export function libraryTemplate(letterType: LetterType): CompiledTemplate {
  let t = compiled.get(letterType);
  if (!t) {
    t = compileTemplate(LIBRARY[letterType].body);
    compiled.set(letterType, t);
  }
  return t;
}
