import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { hostnameOf } from '../../src/http/browser.js';
import { boundMessage, withoutSuggestions } from '../../src/http/error-format.js';
import { checkOperation, measureOperation, type OperationMeasure } from '../../src/http/operation-limits.js';
import { jsonSizeUpTo } from '../../src/http/response-size.js';
import { dateBound, searchText } from '../../src/schema/args.js';
import { schema } from '../../src/schema/index.js';
import { readExamples } from '../../src/yoga.js';

const limits = loadConfig({}).limits;
const measure = (query: string, variables: Record<string, unknown> = {}): OperationMeasure => {
  const result = measureOperation(schema, parse(query), variables, undefined, {});
  if (!('cost' in result)) throw new Error(result.map((error) => error.message).join('; '));
  return result;
};

/** The GraphQL blocks of the README, as a reader would paste them. */
function readmeQueries(): string[] {
  return [...readFileSync('README.md', 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('the cost model', () => {
  it('multiplies list sizes along each path', () => {
    const one = measure('{ entities(first: 10) { edges { node { name } } } }');
    const ten = measure('{ entities(first: 100) { edges { node { name } } } }');
    expect(ten.cost - 1).toBe((one.cost - 1) * 10);
    const nested = measure('{ entities(first: 10) { edges { node { relationships(first: 10) { edges { node { type } } } } } } }');
    expect(nested.cost).toBe(1 + 10 * (1 + 1 + 10 * (1 + 1)));
  });

  it('prices ids, paths and hops by how many are asked for', () => {
    const someId = Buffer.from('Country:russia').toString('base64url');
    const ids = (n: number) =>
      measure('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: n }, () => someId) }).cost;
    expect(ids(50)).toBe(ids(5) * 10 - 9 * 1);
    const path = (k: number, hops: number) => measure(`{ path(from: "a", to: "b", k: ${k}, maxHops: ${hops}) { length } }`).cost;
    expect(path(10, 6)).toBeGreaterThanOrEqual(path(1, 6) * 10);
    expect(path(1, 6)).toBeGreaterThan(path(1, 2));
    const depth = (d: number) => measure(`{ entity(id: "a") { neighbours(depth: ${d}) { distance } } }`).cost;
    expect(depth(3)).toBeGreaterThan(depth(2));
    expect(depth(2)).toBeGreaterThan(depth(1));
  });

  it('reports a malformed argument met while pricing as bad input', () => {
    const result = measureOperation(schema, parse('{ nodes(ids: ["%%%"]) { id } }'), {}, undefined, {});
    expect('cost' in result).toBe(false);
    expect(!('cost' in result) && result[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses, naming the setting, exactly when a limit is passed', () => {
    const at = {
      cost: limits.maxCost,
      depth: limits.maxDepth,
      breadth: limits.maxBreadth,
      aliases: limits.maxAliases,
      directives: limits.maxDirectives,
    };
    expect(checkOperation(at, limits)).toEqual([]);
    for (const [field, setting] of [
      ['cost', 'MAX_COST'],
      ['depth', 'MAX_DEPTH'],
      ['breadth', 'MAX_BREADTH'],
      ['aliases', 'MAX_ALIASES'],
      ['directives', 'MAX_DIRECTIVES'],
    ] as const) {
      const errors = checkOperation({ ...at, [field]: at[field] + 1 }, limits);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain(setting);
      expect(errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: setting, actual: at[field] + 1, max: at[field] });
    }
  });

  it('fits every GraphiQL example and README query in half of each default limit', () => {
    const queries = [
      ...readExamples().map((example) => [example.name, example.query] as const),
      ...readmeQueries().map((query, i) => [`README block ${i + 1}`, query] as const),
    ];
    expect(queries.length).toBeGreaterThanOrEqual(13);
    for (const [name, query] of queries) {
      const { cost, depth, breadth, aliases, directives } = measure(query);
      expect(cost, name).toBeLessThanOrEqual(limits.maxCost / 2);
      expect(depth, name).toBeLessThanOrEqual(limits.maxDepth / 2 + 2);
      expect(breadth, name).toBeLessThanOrEqual(limits.maxBreadth / 2);
      expect(aliases, name).toBeLessThanOrEqual(limits.maxAliases / 2);
      expect(directives, name).toBeLessThanOrEqual(limits.maxDirectives / 2);
    }
  });
});

describe('input checks', () => {
  it.each([
    ['2024', '2024-00-00', '2024-99-99'],
    ['2024-02', '2024-02-00', '2024-02-99'],
    ['2024-02-29', '2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29', '2000-02-29'],
  ])('accepts the real date %s', (value, from, to) => {
    expect(dateBound(value, 'from', 'from')).toBe(from);
    expect(dateBound(value, 'to', 'to')).toBe(to);
  });

  it.each([
    ['2024-13-45', 'no month 13'],
    ['2024-00-00', 'no month 00'],
    ['2023-02-29', '2023-02 has no day 29'],
    ['1900-02-29', '1900-02 has no day 29'],
    ['2024-04-31', '2024-04 has no day 31'],
    ['2024-1-5', 'must be a date like'],
    ['Oct. 25', 'must be a date like'],
  ])('refuses %s', (value, message) => {
    expect(() => dateBound(value, 'from', 'from')).toThrow(message);
  });

  it('bounds full-text queries by length and terms, not by Lucene operators', () => {
    const bounds = { maxSearchLength: 50, maxSearchTerms: 3 };
    expect(searchText('defense AND (pact OR treaty)', bounds, 'query')).toBe('defense AND (pact OR treaty)');
    expect(() => searchText('a b c d', bounds, 'query')).toThrow('has 4 terms, at most 3 (MAX_SEARCH_TERMS)');
    expect(() => searchText('x'.repeat(51), bounds, 'query')).toThrow('51 characters, at most 50 (MAX_SEARCH_LENGTH)');
    expect(() => searchText(' \t', bounds, 'query')).toThrow('must not be empty');
  });

  it('shortens quoted input in any error message to 100 characters', () => {
    const message = boundMessage(`Cannot query field "${'x'.repeat(10_000)}" on type "Query".`);
    expect(message).toBe(`Cannot query field "${'x'.repeat(100)}…" on type "Query".`);
    expect(boundMessage('y'.repeat(2_000)).length).toBe(501);
  });

  it('drops "Did you mean" hints', () => {
    expect(withoutSuggestions('Cannot query field "nme" on type "Entity". Did you mean "name"?')).toBe(
      'Cannot query field "nme" on type "Entity".',
    );
    expect(withoutSuggestions('Value "ASSERT" does not exist in "Stance" enum. Did you mean the enum value "ASSERTS"?')).toBe(
      'Value "ASSERT" does not exist in "Stance" enum.',
    );
  });

  it('reads the host name of a Host header', () => {
    expect(hostnameOf('LocalHost:4000')).toBe('localhost');
    expect(hostnameOf('[::1]:4000')).toBe('[::1]');
    expect(hostnameOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('measures JSON size, stopping soon after the limit', () => {
    const value = { a: ['xyz', 12, true, null], b: { c: 'é' } };
    expect(jsonSizeUpTo(value, 1_000)).toBe(JSON.stringify(value).length);
    // 1,000 lists of 1,000 strings: the walk stops within one list of the limit, not at the end.
    const huge = Array.from({ length: 1_000 }, () => Array.from({ length: 1_000 }, () => 'xx'));
    const size = jsonSizeUpTo(huge, 10_000);
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(10_000 + 6_000);
  });
});
