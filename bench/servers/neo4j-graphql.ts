// The Neo4j GraphQL Library (@neo4j/graphql v7) over our data, served by graphql-yoga on node:http.
// The type definitions map our labels and relationship types as they are (nothing is written to the
// database); every shape uses the library's own filters, sorting, traversal, relationship properties
// and full-text search where it has them, and an @cypher field where it has none (see each `note`).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import { pathFacts, searchFacts, type RunningServer, type ServerModule, type ShapeBinding, type ShapeName } from '../contract.js';
import { affiliatedStatements, ENTITY_RELATIONSHIP_TYPES, evidenceOf, firstRelationships, SHORTEST_3_PATHS } from './cypher.js';

type Json = Record<string, unknown>;

/** camelCase field name of a relationship type: HOLDS_ROLE -> holdsRole. */
const fieldName = (type: string) => type.toLowerCase().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** Both directions of every entity relationship type as native relationship fields with their properties. */
const ENTITY_RELATIONSHIP_FIELDS = ENTITY_RELATIONSHIP_TYPES.flatMap((type) => [
  `${fieldName(type)}Out: [Entity!]! @relationship(type: "${type}", direction: OUT, properties: "EntityRelationship")`,
  `${fieldName(type)}In: [Entity!]! @relationship(type: "${type}", direction: IN, properties: "EntityRelationship")`,
]).join('\n    ');

/**
 * @cypher: an entity's first `first` relationships of any of the 8 types, ordered by type then
 * relationship id, each with its direction, the entity at the other end and the quotes of the
 * evidence its `evidenceIds` list references, in that list's order (the raw server's Cypher).
 */
const RELATIONSHIPS_CYPHER = `
      WITH this AS e
      ${firstRelationships('$first', 'rels')}
      UNWIND rels AS x
      RETURN {
        type: x.type,
        direction: CASE WHEN x.outgoing THEN 'OUTGOING' ELSE 'INCOMING' END,
        other: {id: x.otherId, name: x.other},
        evidence: ${evidenceOf('x', '{id: ev.id, quote: ev.quote}')}
      } AS edge`;

/** @cypher: the statements of speakers affiliated with entity `$id` (the raw server's Cypher); the library projects the nodes. */
const AFFILIATION_CYPHER = `${affiliatedStatements('$first')}
      RETURN st`;

/** @cypher: the 3 shortest paths, by length then ids (the raw server's Cypher). */
const PATHS_CYPHER = `${SHORTEST_3_PATHS}
      RETURN {
        length: length(p),
        hops: [i IN range(0, size(rels) - 1) | {
          type: type(rels[i]),
          from: {id: nodes[i].id, name: nodes[i].name},
          to: {id: nodes[i + 1].id, name: nodes[i + 1].name}
        }]
      } AS path`;

export const TYPE_DEFS = /* GraphQL */ `
  type Entity
    @node(labels: ["Entity"])
    @mutation(operations: [])
    @fulltext(indexes: [{ indexName: "entity_text", queryName: "searchEntities", fields: ["name", "aliasText", "description"] }]) {
    id: ID!
    kind: String!
    name: String!
    aliases: [String!]
    aliasText: String
    description: String
    background: [String!]
    orgType: String
    eventStatus: String
    dateSortKey: String
    "Stored order key: lower-cased name, U+0001, id (written by our loader, range-indexed)."
    nameOrder: String
    "First relationships of any entity relationship type by (type, id), with evidence resolved from the ids on each relationship."
    relationships(first: Int! = 10): [Relation!]! @cypher(statement: """${RELATIONSHIPS_CYPHER}""", columnName: "edge")
    ${ENTITY_RELATIONSHIP_FIELDS}
    said: [Statement!]! @relationship(type: "SAID", direction: OUT)
    mentions: [Evidence!]! @relationship(type: "MENTIONED_IN", direction: OUT)
  }

  type EntityRelationship @relationshipProperties {
    id: ID!
    role: String
    basis: String!
    claimId: String
    note: String
    sourceId: String
    evidenceIds: [String!]
  }

  "An entity relationship seen from one end (computed by @cypher)."
  type Relation {
    type: String!
    direction: String!
    other: EntityName!
    evidence: [EvidenceQuote!]!
  }

  type EntityName {
    id: ID!
    name: String!
  }

  type EvidenceQuote {
    id: ID!
    quote: String!
  }

  type Statement
    @node
    @mutation(operations: [])
    @fulltext(indexes: [{ indexName: "statement_text", queryName: "searchStatements", fields: ["summary", "quote"] }]) {
    id: ID!
    summary: String!
    quote: String
    dateSortKey: String
    "Stored order key: date key (undated last), U+0001, id (written by our loader, range-indexed)."
    orderKey: String
    sourceId: String
    speakers: [Entity!]! @relationship(type: "SAID", direction: IN)
    about: [Entity!]! @relationship(type: "ABOUT", direction: OUT)
    via: [Entity!]! @relationship(type: "VIA", direction: OUT)
    stances: [Claim!]! @relationship(type: "TAKES_STANCE", direction: OUT, properties: "TakesStance")
    evidence: [Evidence!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
  }

  type TakesStance @relationshipProperties {
    stance: String!
    evidenceIds: [String!]
  }

  type Claim @node @mutation(operations: []) {
    id: ID!
    proposition: String!
    topic: String
    measure: String
    value: Float
    unit: String
    sourceId: String
    about: [Entity!]! @relationship(type: "ABOUT", direction: OUT)
    conflictsWith: [Claim!]! @relationship(type: "CONFLICTS_WITH", direction: OUT, queryDirection: UNDIRECTED)
    stances: [Statement!]! @relationship(type: "TAKES_STANCE", direction: IN, properties: "TakesStance")
    evidence: [Evidence!]! @relationship(type: "EVIDENCED_BY", direction: OUT)
  }

  type Evidence @node @mutation(operations: []) {
    id: ID!
    sourceId: String!
    start: Int!
    end: Int!
    quote: String!
  }

  "A path between two entities (computed by @cypher)."
  type Path {
    length: Int!
    hops: [PathHop!]!
  }

  type PathHop {
    type: String!
    from: EntityName!
    to: EntityName!
  }

  type Query {
    "Statements by speakers affiliated with an entity (variable-length PART_OF), date then id order."
    statementsBySpeakerAffiliation(id: ID!, first: Int! = 20): [Statement!]! @cypher(statement: """${AFFILIATION_CYPHER}""", columnName: "st")
    "The 3 shortest paths between two entities (at most 6 hops, either direction), by length then relationship ids."
    shortestPaths(from: ID!, to: ID!): [Path!]! @cypher(statement: """${PATHS_CYPHER}""", columnName: "path")
  }
`;

/** The `data` of a GraphQL answer, or an error naming the first GraphQL error. */
function dataOf(answer: unknown): Json {
  const { data, errors } = answer as { data?: Json; errors?: { message: string }[] };
  if (errors?.length || !data) throw new Error(`GraphQL error: ${errors?.[0]?.message ?? 'no data'}`);
  return data;
}

const graphql = (query: string, variables: Json = {}) => ({ path: '/graphql', body: { query, variables } });
const names = (list: unknown) => (list as { name: string }[]).map((item) => item.name).sort();

const ENTITY_QUERY = `query ($id: ID!) { entities(where: { id: { eq: $id } }, limit: 1) { name
  relationships(first: 10) { type direction other { name } evidence { quote } } } }`;

const entityFacts = (answer: unknown) => {
  const entity = (dataOf(answer).entities as Json[])[0];
  if (!entity) throw new Error('entity not found');
  return {
    name: entity.name,
    relationships: (entity.relationships as Json[]).map((edge) => ({
      type: edge.type,
      direction: edge.direction,
      other: (edge.other as Json).name,
      evidence: (edge.evidence as Json[]).map((span) => span.quote),
    })),
  };
};

interface StanceEdge {
  properties: { stance: string };
  node: { speakers: { name: string }[] };
}

/** A full-text hit of either index, as our facts need it. */
interface Hit {
  score: number;
  text: string;
}

const bindings: Record<ShapeName, ShapeBinding> = {
  entity: {
    call: (p) => graphql(ENTITY_QUERY, { id: p.entityId }),
    facts: entityFacts,
    note: "entity found natively (where id eq); its relationships are an @cypher field on Entity (the raw server's Cypher: per type in type order, ORDER BY r.id, first 10 in all; evidence quotes looked up by the ids in r.evidenceIds, in list order): the library has no list spanning several relationship types ordered by type then id, and cannot follow ids stored in a relationship property",
  },
  hub: {
    call: (p) => graphql(ENTITY_QUERY, { id: p.hubId }),
    facts: entityFacts,
    note: 'as entity: the hub found natively, its first 10 relationships and their evidence by the @cypher relationships field',
  },
  entities20: {
    call: () =>
      graphql(`
        {
          entities(where: { nameOrder: { gt: "" } }, sort: [{ nameOrder: ASC }], limit: 20) {
            name
            relationships(first: 5) {
              type
              other {
                name
              }
            }
            saidConnection(first: 5, sort: [{ node: { orderKey: ASC } }]) {
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
      `),
    facts: (answer) =>
      (dataOf(answer).entities as Json[]).map((entity) => ({
        name: entity.name,
        relationships: (entity.relationships as Json[]).map((edge) => ({ type: edge.type, other: (edge.other as Json).name })),
        statements: (entity.saidConnection as { edges: { node: Json }[] }).edges.map(({ node }) => ({
          summary: node.summary,
          speakers: names(node.speakers),
        })),
      })),
    note: 'entities natively: filter nameOrder > "" (so the range index gives the order) and sort on the stored nameOrder key; the first 5 statements said are a native connection sorted on the stored orderKey, speakers by traversal; the first 5 relationships come from the @cypher relationships field (as entity)',
  },
  affiliation: {
    call: (p) =>
      graphql(
        `
          query ($id: ID!) {
            statementsBySpeakerAffiliation(id: $id, first: 20) {
              summary
              speakers {
                name
              }
            }
          }
        `,
        { id: p.affiliationId },
      ),
    facts: (answer) =>
      (dataOf(answer).statementsBySpeakerAffiliation as Json[]).map((statement) => ({
        summary: statement.summary,
        speakers: names(statement.speakers),
      })),
    note: "a Query @cypher field (the raw server's Cypher) reads the first 20 statements linked to the entity by COUNTS_FOR (kept by our writes for every speaker that is the entity or is PART_OF/HOLDS_ROLE in something PART_OF{0,3} it) from the (affiliationId, orderKey) relationship index, in order, and returns the Statement nodes; summary and speakers are projected natively. A native relationship field would expand and sort every link of the entity: the library cannot seek a relationship index range",
  },
  paths: {
    call: (p) =>
      graphql(
        `
          query ($from: ID!, $to: ID!) {
            shortestPaths(from: $from, to: $to) {
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
        (dataOf(answer).shortestPaths as Json[]).map((path) => ({
          length: Number(path.length),
          hops: (path.hops as Json[]).map((hop) => ({ type: hop.type, from: (hop.from as Json).name, to: (hop.to as Json).name })),
        })),
      ),
    note: "a Query @cypher field (the raw server's Cypher: SHORTEST 3, ordered by length then relationship ids) returning path maps: the library has no path queries",
  },
  claims: {
    call: (p) =>
      graphql(
        `
          query ($measure: String!) {
            claims(where: { measure: { eq: $measure } }, sort: [{ id: ASC }], limit: 20) {
              proposition
              value
              conflictsWith {
                id
              }
              stancesConnection {
                edges {
                  properties {
                    stance
                  }
                  node {
                    speakers {
                      name
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
      (dataOf(answer).claims as Json[]).map((claim) => ({
        proposition: claim.proposition,
        value: claim.value ?? null,
        conflictsWith: (claim.conflictsWith as Json[]).map((other) => other.id as string).sort(),
        stances: ((claim.stancesConnection as { edges: StanceEdge[] }).edges ?? [])
          .map((edge) => ({ stance: edge.properties.stance, speakers: names(edge.node.speakers) }))
          .sort((a, b) => (a.stance + a.speakers.join()).localeCompare(b.stance + b.speakers.join())),
      })),
  },
  search: {
    call: (p) =>
      graphql(
        `
          query ($q: String!) {
            searchEntities(phrase: $q, sort: [{ score: DESC }], first: 10) {
              edges {
                score
                node {
                  name
                }
              }
            }
            searchStatements(phrase: $q, sort: [{ score: DESC }], first: 10) {
              edges {
                score
                node {
                  summary
                }
              }
            }
          }
        `,
        { q: p.searchTerm },
      ),
    facts: (answer) => {
      const data = dataOf(answer);
      const edgesOf = (connection: unknown) => (connection as { edges: { score: number; node: Json }[] }).edges;
      const hits: Hit[] = [
        ...edgesOf(data.searchEntities).map((edge) => ({ score: edge.score, text: String(edge.node.name) })),
        ...edgesOf(data.searchStatements).map((edge) => ({ score: edge.score, text: String(edge.node.summary) })),
      ]
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      return searchFacts(hits);
    },
    note: 'native @fulltext queries on both indexes (entity_text over Entity, statement_text over Statement), top 10 of each by score in one request; the two lists are merged by score in `facts`, as the library has no query across two indexes',
  },
};

/** The library's schema on the given driver and database, served by yoga at /graphql. */
export const neo4jGraphql: ServerModule = {
  name: 'neo4j-graphql',
  bindings,
  async start({ driver, database, port }): Promise<RunningServer> {
    // No authorization (no `authorization` feature), no subscriptions, no debug; mutations off per type.
    const library = new Neo4jGraphQL({
      typeDefs: TYPE_DEFS,
      driver,
      debug: false,
      features: {
        // String comparison filters (off by default): nameOrder > "" lets Neo4j walk the order index.
        filters: { String: { GT: true } },
        excludeDeprecatedFields: {
          mutationOperations: true,
          aggregationFilters: true,
          aggregationFiltersOutsideConnection: true,
          relationshipFilters: true,
          attributeFilters: true,
        },
      },
    });
    const schema = await library.getSchema();
    const yoga = createYoga({
      schema,
      graphqlEndpoint: '/graphql',
      graphiql: false,
      landingPage: false,
      logging: false,
      context: () => ({ sessionConfig: { database } }),
    });
    const server = createServer((req, res) => void yoga(req, res));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      url,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  },
};
