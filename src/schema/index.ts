import { builder } from './builder.js';
import './system.js';
import './provenance.js';
import './entities.js';
import './statements.js';
import './claims.js';
import './paths.js';
import './timeline.js';
import './search.js';
import './names.js';
import './ingest.js';
import './curation.js';
import './aggregates.js';

/** The executable GraphQL schema, built once from every domain module. */
export const schema = builder.toSchema();
