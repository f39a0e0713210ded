import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/process.js';

/** One request on a (possibly kept-alive) connection of `agent`; resolves with status and headers, or the socket error's code. */
function send(
  url: string,
  agent: Agent,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): Promise<{ status: number; connection?: string | undefined; text: string } | { error: string }> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path,
        method,
        agent,
        headers: body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then exits 0 on SIGTERM', async () => {
    const server = await startServerProcess({});
    // A request whose body arrives in two parts, so it is still in flight when SIGTERM lands.
    const body = JSON.stringify({ query: '{ database { edition } }' });
    const target = new URL(server.url);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 300);
    });

    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { database: { edition: 'community' } } });
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down"');
    expect(server.output()).toContain('"msg":"stopped"');
    await expect(fetch(server.url.replace('/graphql', '/health'))).rejects.toThrow();
  });

  it('drains under load: /ready turns 503 at once, kept-alive connections close cleanly, no request is reset, exit 0 within the grace period', async () => {
    const server = await startServerProcess({ SHUTDOWN_GRACE_MS: '5000' });
    const query = JSON.stringify({
      query: '{ entity(id: "north-korea") { name relationships(first: 5) { edges { node { type other { name } } } } } }',
    });
    const outcomes: string[] = [];
    let stopping = false;
    const clients = Array.from({ length: 16 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      // Keep sending on the kept-alive connection until the server no longer accepts connections.
      for (;;) {
        const answer = await send(server.url, agent, 'POST', '/graphql', query);
        if ('error' in answer) {
          outcomes.push(answer.error);
          if (answer.error === 'ECONNREFUSED' && stopping) break;
          continue;
        }
        outcomes.push(String(answer.status));
        if (answer.status !== 200) outcomes.push(answer.text);
      }
      agent.destroy();
    });
    // A monitor polling readiness on its own kept-alive connection.
    const readiness: { at: number; status: number | string }[] = [];
    const monitorAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const monitor = (async () => {
      for (;;) {
        const answer = await send(server.url, monitorAgent, 'GET', '/ready');
        readiness.push({ at: Date.now(), status: 'error' in answer ? answer.error : answer.status });
        if ('error' in answer || answer.status === 503) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      monitorAgent.destroy();
    })();

    // Load is flowing once every client has been answered a few times.
    const served = () => outcomes.filter((outcome) => outcome === '200').length;
    for (let waited = 0; served() < 100 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const servedBefore = served();
    const signalledAt = Date.now();
    stopping = true;
    server.child.kill('SIGTERM');
    const code = await server.exited;
    const exitedAfterMs = Date.now() - signalledAt;
    await Promise.all([...clients, monitor]);

    expect(servedBefore, outcomes.slice(0, 5).join(' | ')).toBeGreaterThanOrEqual(100);
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(10_000);
    const firstNotReady = readiness.find((probe) => probe.status !== 200);
    expect(firstNotReady?.status).toBe(503);
    expect((firstNotReady?.at ?? Infinity) - signalledAt).toBeLessThan(500);
    // Every answer is a 200; the only socket error is the refusal once the listener is closed.
    const failures = outcomes.filter((outcome) => outcome !== '200' && outcome !== 'ECONNREFUSED');
    expect(failures).toEqual([]);
    expect(server.output()).toContain('"msg":"HTTP server drained"');
    expect(server.output()).toContain('"cut":false');
  });
});
