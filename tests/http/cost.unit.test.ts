import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation, measureOperation, type OperationMeasure } from '../../src/http/operation-limits.js';
import { schema } from '../../src/schema/index.js';

const measure = (query: string, variables?: Record<string, unknown>): OperationMeasure => {
  const result = measureOperation(schema, parse(query), variables, undefined, {});
  if (Array.isArray(result)) throw new Error(`not measured: ${JSON.stringify(result)}`);
  return result as OperationMeasure;
};

describe('the cost of a request, before it runs', () => {
  it('multiplies what a page selects by its page size', () => {
    // entities: 1, and `first` times its edge's node and name (2 each).
    const page = (first: number) => measure(`{ entities(first: ${first}) { edges { node { name } } } }`).cost;
    expect([page(5), page(10), page(100)]).toEqual([11, 21, 201]);
  });

  it('multiplies along each path of nested pages', () => {
    // 1 + 5 × (edge node and name 2 + relationships 1 + 10 × (node, type, other, name 4)) = 216
    const nested = measure(
      '{ entities(first: 5) { edges { node { name relationships(first: 10) { edges { node { type other { name } } } } } } } }',
    );
    expect(nested).toEqual({ cost: 216, depth: 8, breadth: 10, aliases: 0, directives: 0 });
  });

  it('reads page sizes from variables, and counts aliases and directives', () => {
    const query = 'query ($n: Int) { a: entities(first: $n) @include(if: true) { edges { node { name } } } }';
    expect(measure(query, { n: 50 })).toMatchObject({ cost: 101, aliases: 1, directives: 1 });
  });

  it('is refused over a limit, naming the setting and the measured value', () => {
    const limits = { maxCost: 100, maxDepth: 10, maxBreadth: 100, maxAliases: 10, maxDirectives: 10 };
    expect(checkOperation(measure('{ entities(first: 10) { edges { node { name } } } }'), limits)).toEqual([]);
    const [error, ...more] = checkOperation(measure('{ entities(first: 50) { edges { node { name } } } }'), limits);
    expect(more).toEqual([]);
    expect(error?.message).toMatch(/^Query cost 101 exceeds the limit of 100 \(MAX_COST\); /);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_COST', actual: 101, max: 100 });
  });

  it('reports variables that cannot be coerced as execution would', () => {
    const result = measureOperation(schema, parse('query ($n: Int) { entities(first: $n) { totalCount } }'), { n: 'many' }, undefined, {});
    expect('cost' in result ? [] : result.map((error) => error.message)).toEqual([
      'Variable "$n" got invalid value "many"; Int cannot represent non-integer value: "many"',
    ]);
  });
});
