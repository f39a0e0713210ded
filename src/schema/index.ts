import { builder } from './builder.js';
import './system.js';

/** The executable GraphQL schema, built once from every domain module. */
export const schema = builder.toSchema({ sortSchema: false });
