import {
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  GraphQLBoolean,
} from 'graphql';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useCompiledQueries } from '../../src/http/compiled-queries.js';

/** True when the resolver was called from code graphql-jit generated, false when graphql-js interpreted the query. */
const compiledCaller = () => new Error().stack?.includes('graphql-jit') ?? false;

const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    n: { type: new GraphQLNonNull(GraphQLInt) },
    label: {
      type: GraphQLString,
      resolve: ({ n }: { n: number }) => {
        if (n === 2) throw new GraphQLError(`item ${n} is withheld`, { extensions: { code: 'WITHHELD', item: n } });
        if (n === 3) throw new Error('database exploded');
        return `item ${n}`;
      },
    },
    // Non-null, but null for item 4: graphql-js nulls the nearest nullable parent.
    required: { type: new GraphQLNonNull(GraphQLString), resolve: ({ n }: { n: number }) => (n === 4 ? null : 'present') },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      compiled: { type: new GraphQLNonNull(GraphQLBoolean), resolve: compiledCaller },
      echo: {
        type: new GraphQLNonNull(GraphQLString),
        args: { text: { type: new GraphQLNonNull(GraphQLString) } },
        resolve: (_root, { text }: { text: string }) => `${compiledCaller() ? 'compiled' : 'interpreted'}: ${text}`,
      },
      items: {
        type: new GraphQLList(Item),
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, { first }: { first: number }) => Array.from({ length: first }, (_, i) => ({ n: i + 1 })),
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { compiled: { type: new GraphQLNonNull(GraphQLBoolean), resolve: compiledCaller } },
  }),
});

const RUNS_BEFORE_COMPILING = 2;

function server() {
  const yoga = createYoga({
    schema,
    logging: false,
    // Unmasked, so the comparison covers every message (the server's masking runs after either way).
    maskedErrors: false,
    plugins: [useCompiledQueries({ runsBeforeCompiling: RUNS_BEFORE_COMPILING })],
  });
  return async (body: Record<string, unknown>): Promise<{ status: number; text: string }> => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
}

/** The answers of the same request sent until it has run compiled twice. */
async function interpretedThenCompiled(body: Record<string, unknown>) {
  const post = server();
  const answers = [];
  for (let run = 0; run < RUNS_BEFORE_COMPILING + 2; run += 1) answers.push(await post(body));
  return answers;
}

describe('queries sent again and again run compiled', () => {
  it('runs a document interpreted until it has run runsBeforeCompiling times, then compiled', async () => {
    const answers = await interpretedThenCompiled({ query: '{ compiled }' });
    expect(answers.map((answer) => answer.text)).toEqual([
      '{"data":{"compiled":false}}',
      '{"data":{"compiled":false}}',
      '{"data":{"compiled":true}}',
      '{"data":{"compiled":true}}',
    ]);
  });

  it('never compiles a mutation', async () => {
    const answers = await interpretedThenCompiled({ query: 'mutation { compiled }' });
    expect(answers.map((answer) => answer.text)).toEqual(Array(RUNS_BEFORE_COMPILING + 2).fill('{"data":{"compiled":false}}'));
  });

  it('compiles each operation of a document by its name', async () => {
    const query = 'query A { compiled } query B { compiled }';
    const post = server();
    const runs = async (operationName: string, times: number) => {
      const texts = [];
      for (let run = 0; run < times; run += 1) texts.push((await post({ query, operationName })).text);
      return texts;
    };
    // Runs are counted per document: A's two runs count for B's compile too.
    expect(await runs('A', 2)).toEqual(Array(2).fill('{"data":{"compiled":false}}'));
    expect(await runs('B', 1)).toEqual(['{"data":{"compiled":true}}']);
    expect(await runs('A', 1)).toEqual(['{"data":{"compiled":true}}']);
  });

  it('reports errors exactly as graphql-js does: message, locations, path, extensions, masking, null bubbling', async () => {
    const query = `query Items($first: Int!) {
      first: items(first: $first) {
        n
        label
        required
      }
    }`;
    const answers = await interpretedThenCompiled({ query, variables: { first: 4 } });
    const [interpreted] = answers;
    expect(interpreted?.status).toBe(200);
    const parsed = JSON.parse(interpreted?.text ?? '{}') as { errors: { message: string }[]; data: unknown };
    expect(parsed.errors.map((error) => error.message)).toEqual([
      'item 2 is withheld',
      'database exploded',
      'Cannot return null for non-nullable field Item.required.',
    ]);
    expect(parsed.errors[0]).toEqual({
      message: 'item 2 is withheld',
      locations: [{ line: 4, column: 9 }],
      path: ['first', 1, 'label'],
      extensions: { code: 'WITHHELD', item: 2 },
    });
    expect(answers.map((answer) => answer.text)).toEqual(Array(answers.length).fill(interpreted?.text));
  });

  it('refuses bad variables with the same error either way', async () => {
    const answers = await interpretedThenCompiled({
      query: 'query ($first: Int!) { items(first: $first) { n } }',
      variables: { first: 'many' },
    });
    const [interpreted] = answers;
    expect(interpreted?.text).toContain('Variable \\"$first\\" got invalid value \\"many\\"');
    expect(answers.map((answer) => `${answer.status} ${answer.text}`)).toEqual(
      Array(answers.length).fill(`${interpreted?.status} ${interpreted?.text}`),
    );
  });

  it('never compiles a document whose string literals graphql-jit would splice into its code', async () => {
    const marker = '__MAGIC_DATE__33a9e76d_02e0_4128_8e92_3530ad3da74d';
    const hostile = `${marker}0), [(globalThis.compiledInjection = 'ran')]: (0`;
    const answers = await interpretedThenCompiled({ query: `{ echo(text: ${JSON.stringify(hostile)}) }` });
    expect(answers.map((answer) => answer.text)).toEqual(
      Array(answers.length).fill(JSON.stringify({ data: { echo: `interpreted: ${hostile}` } })),
    );
    expect((globalThis as { compiledInjection?: string }).compiledInjection).toBeUndefined();
    // An ordinary literal compiles.
    const plain = await interpretedThenCompiled({ query: '{ echo(text: "hello") }' });
    expect(plain.at(-1)?.text).toBe('{"data":{"echo":"compiled: hello"}}');
  });
});
