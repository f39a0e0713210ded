import { defineConfig } from 'vitest/config';

// Two tiers: `unit` (files named *.unit.test.ts) needs no database and runs in seconds, files in
// parallel; `integration` runs everything else against one real Neo4j started by its global setup.
// `npm test` runs both; `npm run test:unit` only the first.
const UNIT = 'tests/**/*.unit.test.ts';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CJS build while Vite would pick the .mjs one,
    // giving two GraphQLError classes in one process. Pin Vite to the build Node (and yoga) uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [UNIT] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: [UNIT],
          globalSetup: ['tests/helpers/global-setup.ts'],
          // One shared Neo4j on a 2-core machine: files run one after another, so no file sees another's writes mid-test.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
