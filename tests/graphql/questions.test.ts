import { describe, expect, it } from 'vitest';
import { readExamples } from '../../src/yoga.js';
import { example } from '../helpers/examples.js';
import { referenceDocument } from '../helpers/graph.js';
import { graphql, useTestServer } from '../helpers/server.js';

/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment --
   the answers are read as loose JSON on purpose: each test checks the shape it relies on. */
// Loose view of JSON answers; each test checks the shape it relies on.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const app = useTestServer();

async function ask(prefix: string): Promise<Json> {
  const result = await graphql<Json>(app().url, example(prefix));
  expect(result.errors).toBeUndefined();
  return result.data ?? {};
}

const { text } = referenceDocument();
const nodes = (connection: Json): Json[] => connection.edges.map((edge: Json) => edge.node);
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

// Each GraphiQL example answers one question; these tests run them over HTTP against the real Neo4j.
describe('GraphiQL examples answer the questions', () => {
  it('every example runs without errors', async () => {
    for (const { name, query } of readExamples()) {
      const result = await graphql(app().url, query);
      expect(result.errors, name).toBeUndefined();
    }
  });

  it("1. everything North Korea's officials said, with quotes and dates", async () => {
    const data = await ask('01');
    const said = nodes(data.statements);
    expect(data.statements.totalCount).toBe(said.length);
    expect(said.length).toBeGreaterThanOrEqual(3);
    for (const statement of said) {
      expect(statement.speakers.map((s: Json) => s.name)).toContain('Kim Jong Gyu');
      expect(statement.date).toMatchObject({ precision: 'MONTH_DAY', inferred: true });
      for (const span of statement.evidence) expect(text.slice(span.start, span.end)).toBe(span.quote);
    }
    expect(said.some((s) => s.quote?.startsWith('If there is such a thing'))).toBe(true);
    expect(said.some((s) => s.via?.name === 'KCNA')).toBe(true);
  });

  it('2. how Kim Jong Gyu is connected to Volodymyr Zelensky', async () => {
    const data = await ask('02');
    expect(data.path.length).toBeGreaterThanOrEqual(2);
    const [shortest] = data.path;
    expect(shortest.hops[0].from.name).toBe('Kim Jong Gyu');
    expect(shortest.hops.at(-1).to.name).toBe('Volodymyr Zelensky');
    for (let i = 1; i < shortest.hops.length; i++) expect(shortest.hops[i].from.name).toBe(shortest.hops[i - 1].to.name);
    for (const hop of shortest.hops) {
      expect(['FORWARD', 'BACKWARD']).toContain(hop.direction);
      expect(hop.relationship.evidence.length > 0 || hop.relationship.basis === 'BACKGROUND').toBe(true);
    }
    const lengths = data.path.map((p: Json) => p.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
  });

  it('3. troop estimates, who made them, and that they conflict', async () => {
    const data = await ask('03');
    const estimates = nodes(data.claims);
    const byValue = new Map<number, Json>(estimates.map((c) => [c.quantity.value, c]));
    const estimate = (value: number) => must(byValue.get(value), `estimate ${value}`);
    expect([...byValue.keys()].sort((a, b) => a - b)).toEqual([3000, 12000]);
    expect(estimate(12000).stances[0].statement.speakers[0].name).toBe('Ukrainian military intelligence');
    expect(estimate(3000).stances[0].statement.speakers[0].name).toBe('South Korean lawmakers');
    expect(estimate(12000).conflictsWith.map((c: Json) => c.quantity.value)).toEqual([3000]);
    expect(estimates.every((c) => c.contested)).toBe(true);
    const measures = nodes(data.related).map((c) => c.quantity.measure);
    expect(measures).toEqual(expect.arrayContaining(['nk-officers-in-russia', 'nk-generals-in-russia']));
  });

  it('4. agreements North Korea is party to, and with whom', async () => {
    const data = await ask('04');
    expect(data.entity.agreements).toHaveLength(1);
    const [pact] = data.entity.agreements;
    expect(pact.name).toMatch(/defense pact/i);
    expect(pact.parties.map((p: Json) => p.name).sort()).toEqual(['North Korea', 'Russia']);
    expect(pact.mentions.some((m: Json) => m.quote.includes('mutual defense pact'))).toBe(true);
  });

  it('5. a timeline of dated statements and events', async () => {
    const data = await ask('05');
    const keys: string[] = data.timeline.map((item: Json) => item.date.sortKey);
    expect(data.timeline.length).toBeGreaterThanOrEqual(3);
    expect(data.timeline[0].date.display).toContain('Oct. 24');
    expect(keys).toEqual([...keys].sort());
    expect(keys.every((key) => key.startsWith('2024-10-'))).toBe(true);
    for (const item of data.timeline) {
      expect(item.date.inferredYear).toBe(2024);
      expect(item.date.display).toContain('inferred');
      expect(item.kind === 'STATEMENT' ? item.statement : item.event).not.toBeNull();
    }
  });

  it('6. a search for "defense pact" finds the agreement first', async () => {
    const data = await ask('06');
    expect(data.search[0]).toMatchObject({ kind: 'ENTITY', entity: { kind: 'AGREEMENT' } });
    expect(data.search[0].highlight).toContain('<mark>defense</mark> <mark>pact</mark>');
    const scores = data.search.map((hit: Json) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('7. everything said via a given outlet', async () => {
    const data = await ask('07');
    const said = nodes(data.statements);
    expect(said.length).toBeGreaterThanOrEqual(1);
    for (const statement of said) expect(statement.speakers.map((s: Json) => s.name)).toContain('Kim Jong Gyu');
    expect(must(said[0], 'statement').evidence[0].quote).toContain('KCNA');
  });

  it('8. every claim a given statement takes a stance on', async () => {
    const data = await ask('08');
    const report = must(nodes(data.statements)[0], 'report');
    const stances = report.stances.map((s: Json) => `${s.stance}:${s.claim.quantity?.value ?? '-'}`);
    // The article says the intelligence service "reported" these figures: asserted, not estimated.
    expect(stances.sort()).toEqual(['ASSERTS:-', 'ASSERTS:12000', 'ASSERTS:3', 'ASSERTS:5', 'ASSERTS:500']);
    for (const stance of report.stances) expect(text).toContain(stance.evidence[0].quote);
  });

  it('9. the officials of a country and their roles', async () => {
    const data = await ask('09');
    expect(data.northKorea.officials).toEqual([
      // "Vice Foreign Minister" is stated; that the ministry is North Korea's is read from context.
      expect.objectContaining({ title: 'Vice Foreign Minister', person: { name: 'Kim Jong Gyu' }, basis: 'BACKGROUND' }),
    ]);
    expect(data.russia.name).toBe('Russia');
    expect(data.russia.officials.map((o: Json) => `${o.title} ${o.person.name}`)).toEqual(['President Vladimir Putin']);
  });

  it('10. which claims were denied and by whom', async () => {
    const data = await ask('10');
    const denied = nodes(data.claims);
    const weapons = must(
      denied.find((c) => /weapons/.test(c.proposition)),
      'weapons claim',
    );
    expect(weapons.denials.flatMap((d: Json) => d.statement.speakers.map((s: Json) => s.name)).sort()).toEqual(['North Korea', 'Russia']);
    expect(weapons.stances.some((s: Json) => s.stance === 'ACCUSES')).toBe(true);
    expect(weapons.contested).toBe(true);
    for (const claim of denied) expect(claim.denials.length).toBeGreaterThan(0);
  });
});
