import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/server.js';

const app = useTestServer();

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  it('passes every MUST, SHOULD and MAY audit', async () => {
    const audits = serverAudits({ url: () => app().url, fetchFn: fetch });
    const failed: string[] = [];
    const passed = { MUST: 0, SHOULD: 0, MAY: 0 };
    for (const audit of audits) {
      const result = await audit.fn();
      const level = audit.name.split(' ')[0] as keyof typeof passed;
      if (result.status === 'ok') passed[level] += 1;
      else failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
    expect(passed.MUST).toBeGreaterThanOrEqual(13);
    expect(passed.SHOULD).toBeGreaterThanOrEqual(23);
    expect(passed.MAY).toBeGreaterThanOrEqual(25);
  });
});
