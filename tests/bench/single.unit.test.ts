import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotate, sideBySideP50s, singleRequestSamples, summarizeSlices, type BenchRequest } from '../../bench/single.js';

const REQUEST: BenchRequest = { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{}' };

/** A loopback server answering every request after `delayMs`, with `status`. */
async function delayedServer(delayMs: number, status = 200): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => response.writeHead(status).end('{}'), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

describe('summarizeSlices', () => {
  it("gives the median of the slices' medians and each slice's median, to a hundredth", () => {
    expect(
      summarizeSlices([
        [1, 2, 3],
        [10, 20],
        [1.111, 1.114, 9],
      ]),
    ).toEqual({ p50: 2, slices: [2, 15, 1.11] });
  });
});

describe('rotate', () => {
  it('starts the list at the turn, wrapping around', () => {
    expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b']);
    expect(rotate([], 3)).toEqual([]);
  });
});

describe('single requests', () => {
  const servers: { server: Server; url: string }[] = [];
  beforeAll(async () => {
    servers.push(await delayedServer(0), await delayedServer(30), await delayedServer(0, 500));
  });
  afterAll(async () => {
    await Promise.all(servers.map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });

  it('sends at least the minimum number of requests, however short the time', async () => {
    const [fast] = servers;
    if (!fast) throw new Error('no server');
    const samples = await singleRequestSamples(fast.url, [REQUEST], 0, 5);
    expect(samples).toHaveLength(5);
  });

  it('fails on an answer other than 200 instead of timing it', async () => {
    const failing = servers[2];
    if (!failing) throw new Error('no server');
    await expect(singleRequestSamples(failing.url, [REQUEST], 0, 1)).rejects.toThrow(/answered 500/);
  });

  it('times every target on every shape in the requested number of slices, and tells a slow target from a fast one', async () => {
    const [fast, slow] = servers;
    if (!fast || !slow) throw new Error('no servers');
    const asked: string[] = [];
    const target = (size: string, url: string) => ({
      size,
      server: 'ours',
      url,
      requestsFor: (shape: string) => {
        asked.push(`${size}/${shape}`);
        return [REQUEST];
      },
    });
    const p50s = await sideBySideP50s([target('article', fast.url), target('1m', slow.url)], ['entity', 'claims'], {
      slices: 3,
      sliceSeconds: 0,
      minRequests: 4,
    });
    expect(p50s.map(({ size, shape }) => `${size}/${shape}`)).toEqual(['article/entity', '1m/entity', 'article/claims', '1m/claims']);
    for (const measured of p50s) expect(measured.slices).toHaveLength(3);
    // The slices alternate: the two targets take turns going first.
    expect(asked.slice(0, 6)).toEqual(['article/entity', '1m/entity', '1m/entity', 'article/entity', 'article/entity', '1m/entity']);
    const [fastEntity, slowEntity] = p50s;
    // A timer may fire a millisecond early; the fast server answers at once.
    expect(slowEntity?.p50).toBeGreaterThanOrEqual(29);
    expect(fastEntity?.p50).toBeLessThan(slowEntity?.p50 ?? 0);
  });
});
