// Three of the playground's questions, as a client app would write them. Each `graphql()` call is
// typed by the code generator from schema/schema.graphql: a field the schema drops fails the build.
import { graphql } from './gql/index.js';

/** Everything North Korea's officials said, with the words of the source. */
export const OfficialsSaid = graphql(`
  query ClientOfficialsSaid($country: ID!, $first: Int!) {
    statements(speakerAffiliation: $country, speakerKind: [PERSON], first: $first) {
      totalCount
      edges {
        node {
          speakers {
            name
          }
          summary
          date {
            display
          }
          evidence {
            quote
          }
        }
      }
    }
  }
`);

/** How one entity is connected to another: the shortest paths, each hop with its evidence. */
export const Connection = graphql(`
  query ClientConnection($from: ID!, $to: ID!) {
    path(from: $from, to: $to, k: 1, maxHops: 6) {
      length
      hops {
        from {
          name
        }
        type
        to {
          name
        }
        relationship {
          basis
          evidence {
            quote
          }
        }
      }
    }
  }
`);

/** The estimates of one quantity, and which of them conflict. */
export const Estimates = graphql(`
  query ClientEstimates($measure: String!) {
    claims(measure: $measure) {
      edges {
        node {
          proposition
          quantity {
            value
            unit
          }
          conflictsWith {
            proposition
          }
        }
      }
    }
  }
`);
