import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CJS build while Vite would pick the .mjs one,
    // giving two GraphQLError classes in one process. Pin Vite to the build Node (and yoga) uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // One shared Neo4j on a 2-core machine: files run one after another, so no file sees another's writes mid-test.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
