// GraphQL Code Generator: types for the operations in src/, from the published contract
// schema/schema.graphql, and a manifest of them (src/gql/persisted-documents.json) that the server
// accepts as trusted documents (PERSISTED_OPERATIONS_FILE).
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = import.meta.dirname;

const config: CodegenConfig = {
  schema: `${here}/../../schema/schema.graphql`,
  documents: [`${here}/src/**/*.ts`, `!${here}/src/gql/**/*`],
  ignoreNoDocuments: false,
  // ESM output: relative imports with .js, as Node's module resolution wants.
  emitLegacyCommonJSImports: false,
  generates: {
    [`${here}/src/gql/`]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { ID: 'string' } },
    },
  },
  silent: true,
};

export default config;
