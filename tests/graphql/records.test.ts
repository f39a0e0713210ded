import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorruptRecordError, entityFrom, partialProps, statementRecordFrom } from '../../src/graph/records.js';
import { testExecutor } from '../helpers/graph.js';
import { graphql, useTestServer } from '../helpers/server.js';

const app = useTestServer();
const executor = testExecutor();
const PREFIX = 'records-test';

const ENTITY = { id: 'x', kind: 'Country', name: 'X', aliases: [], description: 'd', background: [] };

describe('rows are parsed once and fail loudly', () => {
  it('refuses an unknown kind and a missing required property in a whole property map', () => {
    expect(() => entityFrom({ ...ENTITY, kind: 'Planet' })).toThrow(CorruptRecordError);
    expect(() => entityFrom({ ...ENTITY, kind: 'Planet' })).toThrow('Entity x: kind holds "Planet", which the schema cannot represent');
    expect(() => entityFrom({ ...ENTITY, name: undefined })).toThrow('Entity x: name holds undefined');
    // A null property is absent from `n {.*}`: an optional one reads as null.
    expect(entityFrom(ENTITY)).toMatchObject({ orgType: null, eventStatus: null, date: null });
  });

  it('leaves out what a compiled query did not read, and still checks what it did', () => {
    expect(entityFrom(partialProps({ id: 'x', kind: 'Person' }))).toMatchObject({ id: 'x', kind: 'Person', name: undefined });
    expect(() => entityFrom(partialProps({ id: 'x', kind: 'Person', name: null }))).toThrow('Entity x: name holds null');
  });

  it('checks the stances inside a statement row', () => {
    const row = {
      props: { id: 's', orderKey: 'k', summary: 'said', sourceId: 'src' },
      stances: [{ statementId: 's', claimId: 'c', stance: 'MAYBE', evidenceIds: [] }],
    };
    expect(() => statementRecordFrom(row)).toThrow('stance undefined: stance holds "MAYBE"');
  });
});

describe('a broken relationship in the database', () => {
  beforeAll(async () => {
    await executor.writeRows(
      `UNWIND ['a', 'b'] AS suffix
       MERGE (e:Entity:Country {id: $prefix + '-' + suffix})
       SET e.kind = 'Country', e.name = 'Records ' + suffix, e.aliases = [], e.description = 'test fixture', e.background = []
       WITH collect(e) AS pair
       WITH pair[0] AS a, pair[1] AS b
       MERGE (a)-[r:ALLIED_WITH {id: $prefix + '-rel'}]->(b)
       SET r.basis = 'MAYBE', r.evidenceIds = [], r.sourceId = $prefix`,
      { prefix: PREFIX },
    );
  });
  afterAll(async () => {
    await executor.writeRows('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: `${PREFIX}-` });
    await executor.close();
  });

  it('is an error, never relabelled as stated, and the log names the row', async () => {
    const result = await graphql<{ entity: { relationships: { edges: { node: { basis: string } }[] } } | null }>(
      app().url,
      `{ entity(id: "${PREFIX}-a") { relationships(first: 5) { edges { node { basis } } } } }`,
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe('Unexpected error.');
    expect(result.data?.entity).toBeNull();
    const logged = app()
      .lines.map((line) => JSON.stringify(line))
      .filter((line) => line.includes('CorruptRecordError'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toContain(`relationship ${PREFIX}-rel: basis holds \\"MAYBE\\"`);
  });

  it('does not stop a query that does not read the broken property', async () => {
    const result = await graphql<{ entity: { relationships: { edges: { node: { other: { slug: string } } }[] } } }>(
      app().url,
      `{ entity(id: "${PREFIX}-a") { relationships(first: 5) { edges { node { other { slug } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.entity.relationships.edges).toEqual([{ node: { other: { slug: `${PREFIX}-b` } } }]);
  });
});
