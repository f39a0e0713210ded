import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

interface ExportedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}
interface TraceExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: ExportedSpan[] }[];
  }[];
}

// A loopback OTLP/HTTP receiver: it keeps every JSON export it is sent.
describe('OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  const exports: TraceExport[] = [];
  let receiver: Server;
  let endpoint: string;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (req.url === '/v1/traces') exports.push(JSON.parse(body) as TraceExport);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it.each([
    { run: 'interpreted', compileAfter: 'off', callerTrace: '4bf92f3577b34da6a3ce929d0e0e4736' },
    { run: 'compiled', compileAfter: '0', callerTrace: '5cf92f3577b34da6a3ce929d0e0e4737' },
  ])(
    "sends a span per operation, a child of the caller's traceparent, with its Cypher round-trip under it ($run)",
    async ({ compileAfter, callerTrace }) => {
      const app = await startTestServer({
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_SERVICE_NAME: 'kg-tracing-test',
        COMPILE_QUERIES_AFTER: compileAfter,
      });
      try {
        const answer = await postGraphQL(
          app.url,
          'query NorthKorea { entity(id: "north-korea") { name } }',
          {},
          { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` },
        );
        expect(answer.json).toEqual({ data: { entity: { name: 'North Korea' } } });
      } finally {
        // Closing flushes the batch.
        await app.close();
      }
      const resources = exports.flatMap((batch) => batch.resourceSpans);
      expect(resources.map((resource) => resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue)).toContain(
        'kg-tracing-test',
      );
      const spans = resources
        .flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))
        .filter((span) => span.traceId === callerTrace);
      const operation = spans.filter((span) => span.name === 'graphql.query');
      expect(operation).toHaveLength(1);
      expect(operation[0]).toMatchObject({ traceId: callerTrace, parentSpanId: '00f067aa0ba902b7' });
      expect(operation[0]?.attributes).toContainEqual({ key: 'graphql.operation.name', value: { stringValue: 'NorthKorea' } });
      const cypher = spans.filter((span) => span.name === 'cypher read');
      expect(cypher).toHaveLength(1);
      expect(cypher[0]).toMatchObject({ traceId: callerTrace, parentSpanId: operation[0]?.spanId });
      expect(cypher[0]?.attributes.find((a) => a.key === 'db.query.text')?.value.stringValue).toContain('MATCH');
    },
  );
});
