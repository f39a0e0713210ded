import { describe, expect, it } from 'vitest';
import { connectionFromRows, decodeCursor, encodeCursor, pageSize } from '../../src/graph/paging.js';

describe('cursors', () => {
  it('round-trip a keyset position, whatever characters its key and id hold', () => {
    const position = { key: '2024-10-25|ünïcødé "quoted"', id: 'north-korea' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuse a cursor this API did not issue, with the argument named', () => {
    for (const bad of [
      'not-a-cursor',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["only-one"]').toString('base64url'),
      'x'.repeat(2_001),
    ]) {
      expect(() => decodeCursor(bad), bad.slice(0, 20)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argumentName: 'after' } }),
      );
    }
    expect(() => decodeCursor('x'.repeat(2_001))).toThrow(/^Invalid cursor "x{100}"…: use a cursor returned by this API$/);
  });
});

describe('page size', () => {
  it('defaults to 20 and accepts 1 to 100', () => {
    expect([pageSize(undefined), pageSize(null), pageSize(1), pageSize(100)]).toEqual([20, 20, 1, 100]);
  });

  it('refuses 0, 101, negatives and fractions', () => {
    for (const first of [0, 101, -1, 2.5]) expect(() => pageSize(first)).toThrow(`"first" must be between 1 and 100 (got ${first})`);
  });
});

describe('connections from rows fetched one past the page', () => {
  const rows = ['a', 'b', 'c'].map((id, i) => ({ id, key: `k${i}` }));
  const position = (row: { id: string; key: string }) => ({ key: row.key, id: row.id });

  it('cut the page, say whether more follow, and give each edge the cursor of its position', () => {
    const connection = connectionFromRows({ rows, total: 7 }, 2, null, position);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.totalCount).toBe(7);
    expect(decodeCursor(connection.pageInfo.endCursor ?? '')).toEqual({ key: 'k1', id: 'b' });
  });

  it('say no more follow when the rows fit the page', () => {
    const connection = connectionFromRows({ rows, total: null }, 3, null, position);
    expect(connection.edges).toHaveLength(3);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });
});
