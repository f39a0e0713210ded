// Every GraphQL operation the dashboard sends, except the overview's aggregates (aggregates.ts).
// Plain strings with their fragments appended, so a test can check them against the published schema.

const ENTITY_REF = /* GraphQL */ `
  fragment EntityRef on Entity {
    slug
    name
    kind
  }
`;

const DATE = /* GraphQL */ `
  fragment DateParts on PartialDate {
    display
    text
    precision
    inferred
    inferenceBasis
    inferredYear
    inferredYearBasis
    year
    month
    day
    sortKey
  }
`;

const EVIDENCE = /* GraphQL */ `
  fragment Span on Evidence {
    quote
    start
    end
    source {
      id
      slug
      title
    }
  }
`;

const STATEMENT = /* GraphQL */ `
  fragment StatementCard on Statement {
    slug
    summary
    quote
    citesText
    date {
      ...DateParts
    }
    speakers {
      ...EntityRef
    }
    via {
      ...EntityRef
    }
    about {
      ...EntityRef
    }
    evidence {
      ...Span
    }
    quoteEvidence {
      ...Span
    }
    stances {
      stance
      claim {
        slug
        proposition
      }
    }
  }
`;

const RELATIONSHIP = /* GraphQL */ `
  fragment Link on EntityRelationship {
    slug
    type
    basis
    direction
    role
    note
    from {
      ...EntityRef
    }
    to {
      ...EntityRef
    }
    other {
      ...EntityRef
    }
    evidence {
      ...Span
    }
    claim {
      slug
      proposition
    }
  }
`;

const CLAIM = /* GraphQL */ `
  fragment ClaimCard on Claim {
    slug
    proposition
    topic
    contested
    quantity {
      measure
      value
      unit
      approximate
      qualifiers
    }
    conflictsWith(first: 10) {
      slug
    }
    evidence {
      ...Span
    }
    stances(first: 10) {
      stance
      statement {
        slug
        speakers {
          ...EntityRef
        }
        date {
          ...DateParts
        }
      }
    }
  }
`;

/** Full-text hits (entities and statements) for the search box. */
export const SEARCH = /* GraphQL */ `
  query DashboardSearch($query: String!, $first: Int!) {
    search(query: $query, first: $first) {
      kind
      highlight
      entity {
        ...EntityRef
      }
      statement {
        slug
        summary
        speakers {
          ...EntityRef
        }
      }
    }
  }
  ${ENTITY_REF}
`;

/** Entities a name may refer to (names, aliases, words of them). */
export const RESOLVE = /* GraphQL */ `
  query DashboardResolve($name: String!, $first: Int!) {
    resolveEntity(name: $name, first: $first) {
      matchedBy
      matchedName
      entity {
        ...EntityRef
      }
    }
  }
  ${ENTITY_REF}
`;

/** An entity page: the entity, its relationships and the statements by and about it. */
export const ENTITY_PAGE = /* GraphQL */ `
  query DashboardEntity($id: ID!) {
    entity(id: $id) {
      ...EntityRef
      description
      aliases
      background
      ... on Person {
        roles {
          title
          basis
          body {
            ...EntityRef
          }
        }
      }
      ... on Event {
        status
        date {
          ...DateParts
        }
      }
      ... on Organization {
        organizationType
      }
      relationships(first: 100) {
        totalCount
        edges {
          node {
            ...Link
          }
        }
      }
      statements(first: 50) {
        totalCount
        edges {
          node {
            ...StatementCard
          }
        }
      }
      statementsAbout(first: 50) {
        totalCount
        edges {
          node {
            ...StatementCard
          }
        }
      }
    }
  }
  ${ENTITY_REF}
  ${DATE}
  ${EVIDENCE}
  ${STATEMENT}
  ${RELATIONSHIP}
`;

/** The relationships of one entity, to expand the graph around it. */
export const NEIGHBOURHOOD = /* GraphQL */ `
  query DashboardNeighbourhood($id: ID!) {
    entity(id: $id) {
      ...EntityRef
      relationships(first: 100) {
        totalCount
        edges {
          node {
            ...Link
          }
        }
      }
    }
  }
  ${ENTITY_REF}
  ${EVIDENCE}
  ${RELATIONSHIP}
`;

/** Claims, filtered as the claims view and an entity page ask. */
export const CLAIMS = /* GraphQL */ `
  query DashboardClaims($about: ID, $measure: String, $topic: String, $contested: Boolean) {
    claims(about: $about, measure: $measure, topic: $topic, contested: $contested, first: 50) {
      totalCount
      edges {
        node {
          ...ClaimCard
        }
      }
    }
  }
  ${ENTITY_REF}
  ${DATE}
  ${EVIDENCE}
  ${CLAIM}
`;

/** Shortest paths between two entities, each hop with its evidence. */
export const PATHS = /* GraphQL */ `
  query DashboardPath($from: ID!, $to: ID!, $k: Int!, $basis: [Basis!]) {
    path(from: $from, to: $to, k: $k, basis: $basis) {
      length
      entities {
        ...EntityRef
      }
      hops {
        type
        direction
        from {
          ...EntityRef
        }
        to {
          ...EntityRef
        }
        relationship {
          ...Link
        }
      }
    }
  }
  ${ENTITY_REF}
  ${EVIDENCE}
  ${RELATIONSHIP}
`;

/** Dated statements and events in date order. */
export const TIMELINE = /* GraphQL */ `
  query DashboardTimeline($from: String, $to: String, $entity: ID, $first: Int!) {
    timeline(from: $from, to: $to, entity: $entity, first: $first) {
      kind
      date {
        ...DateParts
      }
      statement {
        ...StatementCard
      }
      event {
        ...EntityRef
        description
        status
      }
    }
  }
  ${ENTITY_REF}
  ${DATE}
  ${EVIDENCE}
  ${STATEMENT}
`;

/** The full texts of sources, to show a quote inside its paragraph. */
export const SOURCE_TEXTS = /* GraphQL */ `
  query DashboardSources($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Source {
        id
        text
      }
    }
  }
`;

/** Statements as they are written, for the live feed. */
export const STATEMENT_ADDED = /* GraphQL */ `
  subscription DashboardLive {
    statementAdded {
      slug
      summary
      date {
        ...DateParts
      }
      speakers {
        ...EntityRef
      }
    }
  }
  ${ENTITY_REF}
  ${DATE}
`;

/** Measures and topics claims are filed under, with how many claims each has. */
export const CLAIM_KEYS = /* GraphQL */ `
  query DashboardClaimKeys {
    measures(first: 50) {
      edges {
        node {
          key
          claimCount
          units
        }
      }
    }
    topics(first: 50) {
      edges {
        node {
          key
          claimCount
        }
      }
    }
  }
`;
