// OpenTelemetry traces, when OTEL_EXPORTER_OTLP_ENDPOINT is set: one span per GraphQL operation (a
// child of the caller's W3C `traceparent`, when it sends one) and, under it, one span per Cypher
// round-trip. Sent over OTLP/HTTP in batches. The provider is this server's own (not registered
// globally), so several servers in one process, as in the tests, keep their traces apart.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { getOperationAST, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphExecutor } from '../graph/executor.js';

/** Tracing of one server: the yoga plugin, and close() to flush what is buffered. */
export interface Tracing {
  plugin: Plugin;
  close(): Promise<void>;
}

const MAX_STATEMENT_CHARS = 500;

/** Reads a W3C traceparent from request headers copied into a plain object. */
const HEADERS: TextMapGetter<Record<string, string>> = { get: (headers, key) => headers[key], keys: (headers) => Object.keys(headers) };

/** Starts exporting spans to `${endpoint}/v1/traces`. */
export function startTracing(endpoint: string, serviceName: string, executor: GraphExecutor): Tracing {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))],
  });
  const tracer: Tracer = provider.getTracer('kg-graphql');
  // The operation span of the code running now: Cypher spans become its children.
  const current = new AsyncLocalStorage<Span>();
  const propagator = new W3CTraceContextPropagator();

  const unsubscribe = executor.onTiming((mode, seconds, ok, cypher) => {
    const parent = current.getStore();
    if (!parent) return;
    const end = Date.now();
    const span = tracer.startSpan(
      `cypher ${mode.toLowerCase()}`,
      {
        kind: SpanKind.CLIENT,
        startTime: end - seconds * 1000,
        attributes: { 'db.system.name': 'neo4j', 'db.namespace': executor.database, 'db.query.text': cypher.slice(0, MAX_STATEMENT_CHARS) },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    if (!ok) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  });

  const plugin: Plugin = {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document as DocumentNode, (args.operationName as string | null | undefined) ?? undefined);
      const type = operation?.operation ?? 'unknown';
      const request = (args.contextValue as { request?: Request }).request;
      const carrier: Record<string, string> = {};
      request?.headers.forEach((value, key) => (carrier[key] = value));
      const span = tracer.startSpan(
        `graphql.${type}`,
        { kind: SpanKind.SERVER, attributes: { 'graphql.operation.type': type, 'graphql.operation.name': operation?.name?.value ?? '' } },
        propagator.extract(ROOT_CONTEXT, carrier, HEADERS),
      );
      setExecuteFn((executeArgs: ExecutionArgs) => current.run(span, () => executeFn(executeArgs) as unknown));
      return {
        onExecuteDone({ result }) {
          const errors = (result as ExecutionResult).errors ?? [];
          if (errors.length > 0) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
            span.setAttribute(
              'graphql.error.codes',
              errors.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'OTHER')),
            );
          }
          span.end();
        },
      };
    },
  };
  return {
    plugin,
    close: async () => {
      unsubscribe();
      await provider.shutdown();
    },
  };
}
