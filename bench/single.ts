// Single requests, one at a time on one kept-alive connection, timed here to a hundredth of a
// millisecond (autocannon's percentiles are whole milliseconds, and most single requests take less
// than one), and the side-by-side growth measure built on them.
import { Agent, request as httpRequest } from 'node:http';
import { slicedP50 } from './targets.js';

/** One HTTP request the bench sends. */
export interface BenchRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** One POST on a kept-alive connection; resolves when the whole answer has arrived, rejects on a status other than 200. */
function post(agent: Agent, url: string, request: BenchRequest): Promise<void> {
  return new Promise((resolveDone, reject) => {
    const sent = httpRequest(new URL(request.path, url), { method: request.method, headers: request.headers, agent }, (response) => {
      response.on('data', () => {});
      // A failed request must not pass for a fast one.
      response.on('end', () =>
        response.statusCode === 200 ? resolveDone() : reject(new Error(`${url}${request.path} answered ${response.statusCode}`)),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(request.body);
  });
}

/** Latencies in ms of one client sending the requests in turn for `seconds`, and at least `minRequests` of them. */
export async function singleRequestSamples(url: string, requests: BenchRequest[], seconds: number, minRequests = 1): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    const end = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < end || i < minRequests; i += 1) {
      const request = requests[i % requests.length];
      if (!request) break;
      const started = performance.now();
      await post(agent, url, request);
      samples.push(performance.now() - started);
    }
  } finally {
    agent.destroy();
  }
  return samples;
}

/** Milliseconds with two decimals. */
export const roundedMs = (ms: number) => Math.round(ms * 100) / 100;

/** A server's single-request p50 over slices (the median of their medians, see slicedP50), and each slice's median. */
export function summarizeSlices(slices: number[][]): { p50: number; slices: number[] } {
  return { p50: roundedMs(slicedP50(slices)), slices: slices.map((slice) => roundedMs(slicedP50([slice]))) };
}

/** The list in the order of turn `turn`: each element goes first in turn. */
export function rotate<T>(list: readonly T[], turn: number): T[] {
  const start = list.length === 0 ? 0 : turn % list.length;
  return [...list.slice(start), ...list.slice(0, start)];
}

/** A server of one size taking part in a side-by-side measure. */
export interface SideBySideTarget {
  size: string;
  server: string;
  url: string;
  /** The requests of a shape for this server, with this size's probes. */
  requestsFor: (shape: string) => BenchRequest[];
}

/** Options of a side-by-side measure. */
export interface SideBySideOptions {
  slices: number;
  sliceSeconds: number;
  minRequests: number;
}

/** One target's p50 of one shape (the median of its slices' medians) and each slice's median. */
export interface SideBySideP50 {
  size: string;
  server: string;
  shape: string;
  p50: number;
  slices: number[];
}

/**
 * Single-request p50s of every target on every shape, in slices that alternate between the targets
 * (the order rotated each slice), so that the sizes are timed in the same seconds, as the servers
 * of a round are: a slow stretch of the machine falls on every size alike.
 */
export async function sideBySideP50s(
  targets: SideBySideTarget[],
  shapes: readonly string[],
  options: SideBySideOptions,
): Promise<SideBySideP50[]> {
  const results: SideBySideP50[] = [];
  for (const shape of shapes) {
    const slices = new Map<SideBySideTarget, number[][]>(targets.map((target) => [target, []]));
    for (let slice = 0; slice < options.slices; slice += 1) {
      for (const target of rotate(targets, slice)) {
        const samples = await singleRequestSamples(target.url, target.requestsFor(shape), options.sliceSeconds, options.minRequests);
        slices.get(target)?.push(samples);
      }
    }
    for (const target of targets) {
      results.push({ size: target.size, server: target.server, shape, ...summarizeSlices(slices.get(target) ?? []) });
    }
  }
  return results;
}
