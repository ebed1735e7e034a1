import {
  ROOT_CONTEXT,
  SpanKind,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * Spans joined through W3C `traceparent` strings, the form trace context already travels in here:
 * HTTP headers, event envelopes, NATS headers and queued jobs (See: https://www.w3.org/TR/trace-context/).
 * Spans are made through the OpenTelemetry API only: with no SDK registered (tracing off, the
 * default) they are no-ops and cost an object; a service that turns tracing on registers the SDK
 * (`@plh/service-kit`'s startTracing) and every span below is recorded.
 */
const TRACEPARENT_RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const tracer = () => trace.getTracer('@plh/platform');

/** The remote parent a `traceparent` names, as an OpenTelemetry context (none: a new trace). */
export function traceContextOf(traceparent: string | null | undefined): Context {
  const match = traceparent ? TRACEPARENT_RE.exec(traceparent) : null;
  if (!match || /^0+$/.test(match[1]!) || /^0+$/.test(match[2]!)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}

/** The `traceparent` that continues from `span` (its children name it as their parent). */
export function traceparentOfSpan(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags & TraceFlags.SAMPLED ? '01' : '00'}`;
}

/** A span under the parent `traceparent` names; undefined when tracing is off (nothing records it). */
export function startSpanUnder(
  name: string,
  kind: SpanKind,
  parent: string | null | undefined,
  attributes?: Attributes,
): Span | undefined {
  const span = tracer().startSpan(name, { kind, ...(attributes ? { attributes } : {}) }, traceContextOf(parent));
  return span.isRecording() ? span : undefined;
}

export { SpanKind };
