import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Turns tracing on for this process: the OpenTelemetry Node SDK, exporting over OTLP/HTTP to
 * `endpoint` (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. the collector's http://…:4318), or to the span
 * processors given (tests: an in-memory exporter). Off by default: without it every span the
 * platform makes (HTTP server and client, database transactions, NATS publish and consume, jobs) is a
 * no-op. No automatic instrumentation is loaded: the spans are made where the platform does the work,
 * so nothing depends on patching modules before they load.
 */
export function startTracing(options: { serviceName: string; endpoint?: string; spanProcessors?: SpanProcessor[] }): {
  shutdown(): Promise<void>;
} {
  const spanProcessors = options.spanProcessors ?? [
    new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({ url: `${options.endpoint?.replace(/\/$/, '')}/v1/traces` }),
    }),
  ];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors,
    instrumentations: [],
    autoDetectResources: false,
    metricReaders: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/**
 * A process's tracing as its configuration says (OTEL_EXPORTER_OTLP_ENDPOINT set: on), shut down with
 * its app, last, so the spans of the drain are flushed too. Call it before building the app.
 */
export function tracingFromConfig(serviceName: string, config: { OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined }) {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = endpoint ? startTracing({ serviceName, endpoint }) : undefined;
  return {
    closeWith(app: { addHook(name: 'onClose', hook: () => Promise<void>): unknown }): void {
      if (tracing) app.addHook('onClose', () => tracing.shutdown());
    },
  };
}
