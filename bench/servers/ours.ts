// Our server, as `npm start` runs it (production mode, default limits), on a given driver.
import { serveGraphQL } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { GraphExecutor } from '../../src/graph/executor.js';
import { createLogger } from '../../src/logger.js';
import { pathFacts, searchFacts, type RunningServer, type ServerModule, type ShapeBinding, type ShapeName } from '../contract.js';

type Json = Record<string, unknown>;

/** The `data` of a GraphQL answer, or an error naming the first GraphQL error. */
function dataOf(answer: unknown): Json {
  const { data, errors } = answer as { data?: Json; errors?: { message: string }[] };
  if (errors?.length || !data) throw new Error(`GraphQL error: ${errors?.[0]?.message ?? 'no data'}`);
  return data;
}

const edges = (connection: unknown) => ((connection as { edges: { node: Json }[] }).edges ?? []).map((edge) => edge.node);
const names = (list: unknown) => (list as { name: string }[]).map((item) => item.name).sort();
const graphql = (query: string, variables: Json = {}) => ({ path: '/graphql', body: { query, variables } });

const ENTITY_QUERY = `query ($id: ID!) { entity(id: $id) { name relationships(first: 10) { edges { node { type direction other { name } evidence { quote } } } } } }`;

const entityFacts = (answer: unknown) => {
  const entity = dataOf(answer).entity as Json;
  return {
    name: entity.name,
    relationships: edges(entity.relationships).map((edge) => ({
      type: edge.type,
      direction: edge.direction,
      other: (edge.other as Json).name,
      evidence: (edge.evidence as Json[]).map((span) => span.quote),
    })),
  };
};

const bindings: Record<ShapeName, ShapeBinding> = {
  entity: { call: (p) => graphql(ENTITY_QUERY, { id: p.entityId }), facts: entityFacts },
  hub: { call: (p) => graphql(ENTITY_QUERY, { id: p.hubId }), facts: entityFacts },
  entities20: {
    call: () =>
      graphql(`
        {
          entities(first: 20) {
            edges {
              node {
                name
                relationships(first: 5) {
                  edges {
                    node {
                      type
                      other {
                        name
                      }
                    }
                  }
                }
                statements(first: 5) {
                  edges {
                    node {
                      summary
                      speakers {
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `),
    facts: (answer) =>
      edges(dataOf(answer).entities).map((entity) => ({
        name: entity.name,
        relationships: edges(entity.relationships).map((edge) => ({ type: edge.type, other: (edge.other as Json).name })),
        statements: edges(entity.statements).map((statement) => ({ summary: statement.summary, speakers: names(statement.speakers) })),
      })),
  },
  affiliation: {
    call: (p) =>
      graphql(
        `
          query ($id: ID!) {
            statements(speakerAffiliation: $id, first: 20) {
              edges {
                node {
                  summary
                  speakers {
                    name
                  }
                }
              }
            }
          }
        `,
        { id: p.affiliationId },
      ),
    facts: (answer) =>
      edges(dataOf(answer).statements).map((statement) => ({ summary: statement.summary, speakers: names(statement.speakers) })),
  },
  paths: {
    call: (p) =>
      graphql(
        `
          query ($from: ID!, $to: ID!) {
            path(from: $from, to: $to, k: 3) {
              length
              hops {
                type
                from {
                  name
                }
                to {
                  name
                }
              }
            }
          }
        `,
        { from: p.pathFrom, to: p.pathTo },
      ),
    facts: (answer) =>
      pathFacts(
        (dataOf(answer).path as Json[]).map((path) => ({
          length: Number(path.length),
          hops: (path.hops as Json[]).map((hop) => ({ type: hop.type, from: (hop.from as Json).name, to: (hop.to as Json).name })),
        })),
      ),
  },
  claims: {
    call: (p) =>
      graphql(
        `
          query ($measure: String!) {
            claims(measure: $measure, first: 20) {
              edges {
                node {
                  proposition
                  quantity {
                    value
                  }
                  conflictsWith {
                    slug
                  }
                  stances {
                    stance
                    statement {
                      speakers {
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        `,
        { measure: p.measure },
      ),
    facts: (answer) =>
      edges(dataOf(answer).claims).map((claim) => ({
        proposition: claim.proposition,
        value: (claim.quantity as Json | null)?.value ?? null,
        conflictsWith: (claim.conflictsWith as Json[]).map((other) => other.slug).sort(),
        stances: (claim.stances as Json[])
          .map((stance) => ({ stance: stance.stance as string, speakers: names((stance.statement as Json).speakers) }))
          .sort((a, b) => (a.stance + a.speakers.join()).localeCompare(b.stance + b.speakers.join())),
      })),
  },
  search: {
    call: (p) =>
      graphql(
        `
          query ($q: String!) {
            search(query: $q, first: 10) {
              score
              entity {
                name
              }
              statement {
                summary
              }
            }
          }
        `,
        { q: p.searchTerm },
      ),
    facts: (answer) => {
      const hits = (dataOf(answer).search as Json[]).map((hit) => ({
        score: Number(hit.score),
        text: String((hit.entity as Json | null)?.name ?? (hit.statement as Json | null)?.summary),
      }));
      return searchFacts(hits);
    },
  },
};

/** Our yoga server on the given driver, as in production (no Neo4j start-up, no seeding). */
export const ours: ServerModule = {
  name: 'ours',
  bindings,
  async start({ driver, database, port }): Promise<RunningServer> {
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NEO4J_URI: 'bolt://unused:7687',
      NEO4J_PASSWORD: 'unused',
      NEO4J_DATABASE: database,
      HOST: '127.0.0.1',
      PORT: String(port),
      SHUTDOWN_GRACE_MS: '2000',
      // Set by `npm run bench -- --ours-interpreted`; unset, the default of `npm start`.
      COMPILE_QUERIES_AFTER: process.env.COMPILE_QUERIES_AFTER,
    });
    const logger = createLogger('warn');
    const executor = new GraphExecutor(driver, database, logger);
    // The HTTP side exactly as `npm start` serves it (metrics on, as by default).
    const served = await serveGraphQL(config, executor, logger);
    return {
      url: new URL(served.url).origin,
      close: async () => {
        await served.close();
        executor.availability.close();
      },
    };
  },
};
