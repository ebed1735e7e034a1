import type { FastifyInstance } from 'fastify';

/**
 * The OpenTelemetry hook point. Off by default: nothing is exported unless a service passes a hook
 * and OTEL_EXPORTER_OTLP_ENDPOINT is set. Trace context (traceparent) is propagated either way by
 * request-context.ts and the event envelope, so turning tracing on later needs no code change there.
 */
export interface TelemetryHook {
  start(input: { serviceName: string; endpoint: string; app: FastifyInstance }): Promise<void> | void;
  shutdown(): Promise<void> | void;
}
