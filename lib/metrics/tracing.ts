import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

/**
 * Traces from the API's Temporal calls (the webhook's signal-with-start, operator Updates)
 * through the workflow to its activities, with Temporal's OpenTelemetry interceptors; the trace
 * context rides in Temporal headers. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (the
 * standard variable; OTEL_SERVICE_NAME and OTEL_EXPORTER_OTLP_HEADERS are honoured too), so a
 * process without a collector pays nothing.
 */
export interface Tracing {
  plugin: OpenTelemetryPlugin;
  /** Exports what is buffered; call on shutdown. */
  shutdown(): Promise<void>;
}

let installed: Tracing | undefined;

export function installTracing(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  if (installed) return installed;
  const resource = new Resource({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName });
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces) and its headers itself.
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter(), {
    scheduledDelayMillis: 1000,
  });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  installed = {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: () => provider.shutdown(),
  };
  return installed;
}
