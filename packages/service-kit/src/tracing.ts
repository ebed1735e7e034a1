import { SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';
import { SpanKind, startSpanUnder, traceparentOfSpan } from '@plh/contracts';
import { nextTraceparent } from './traceparent';

export { SpanKind };

/** A started span (undefined when tracing is off) and the `traceparent` its children continue from. */
export interface ActiveSpan {
  span: Span | undefined;
  traceparent: string;
}

/**
 * Starts a span under `parent`. With tracing off nothing is recorded, and the traceparent is a new
 * span id under the same trace, as it always was: logs, audit entries and events keep their trace id.
 */
export function beginSpan(
  name: string,
  kind: SpanKind,
  parent: string | null | undefined,
  attributes?: Attributes,
): ActiveSpan {
  const span = startSpanUnder(name, kind, parent, attributes);
  return { span, traceparent: span ? traceparentOfSpan(span) : nextTraceparent(parent ?? undefined) };
}

/**
 * Ends a span. A failure marks it as an error by its type and code only: an error's message can
 * carry what a database or a library echoed back (a patient's name), and spans leave the platform.
 */
export function finishSpan(span: Span | undefined, outcome: { error?: unknown; attributes?: Attributes } = {}): void {
  if (!span) return;
  if (outcome.attributes) span.setAttributes(outcome.attributes);
  if (outcome.error !== undefined) {
    const err = outcome.error as { name?: unknown; code?: unknown };
    span.setAttribute(
      'error.type',
      typeof err?.code === 'string' ? err.code : typeof err?.name === 'string' ? err.name : 'Error',
    );
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Runs `fn` inside a span; `fn` gets the traceparent its own work continues from. */
export async function withSpan<T>(
  name: string,
  kind: SpanKind,
  parent: string | null | undefined,
  attributes: Attributes | undefined,
  fn: (traceparent: string) => Promise<T>,
): Promise<T> {
  const { span, traceparent } = beginSpan(name, kind, parent, attributes);
  try {
    const result = await fn(traceparent);
    finishSpan(span);
    return result;
  } catch (error) {
    finishSpan(span, { error });
    throw error;
  }
}
