import {
  getLocation,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { makeExecute, type Plugin } from 'graphql-yoga';

/** A query document compiled for one operation, with its field nodes by where they stand in the text. */
interface CompiledOperation {
  query: CompiledQuery['query'];
  fieldsAt: Map<string, FieldNode>;
}

/** What is known of one parsed document (yoga keeps one per query text while it stays in its cache). */
interface DocumentRecord {
  runs: number;
  /** By operation name; null when the document cannot be compiled (it then always runs interpreted). */
  compiled: Map<string, CompiledOperation | null>;
}

const locationKey = (line: number, column: number) => `${line}:${column}`;

/** Every field node of a document by its line and column, to give compiled errors the nodes graphql-js gives. */
function fieldsByLocation(document: DocumentNode): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  visit(document, {
    Field(node) {
      if (!node.loc) return;
      const { line, column } = getLocation(node.loc.source, node.loc.start);
      fields.set(locationKey(line, column), node);
    },
  });
  return fields;
}

/**
 * graphql-jit writes literal arguments into the code it generates with JSON.stringify, then turns
 * strings that start with its own markers (`__MAGIC_DATE__…`, `__MAGIC_NAN__…`) back into code:
 * a string literal holding a marker is spliced into the generated function unescaped (seen with
 * graphql-jit 0.8.9: `"__MAGIC_DATE__<uuid>0), [(globalThis.x = 1)]: (0"` runs its assignment).
 * Such a document is never compiled.
 */
function splicesIntoCode(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('__MAGIC_')) found = true;
    },
  });
  return found;
}

/** The document's query operation compiled, or null when it must run interpreted (not a query, or unsafe to compile). */
export function compileOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CompiledOperation | null {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== OperationTypeNode.QUERY || splicesIntoCode(document)) return null;
  try {
    const compiled = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    return isCompiledQuery(compiled) ? { query: compiled.query, fieldsAt: fieldsByLocation(document) } : null;
  } catch {
    // A document graphql-jit cannot compile still has its interpreted answer.
    return null;
  }
}

/**
 * A compiled query's error as graphql-js reports it: with the field nodes (so `locations`, and
 * whatever later rebuilds the error from its nodes, behave the same) and the error thrown.
 */
function asInterpretedError(error: GraphQLError, fieldsAt: Map<string, FieldNode>): GraphQLError {
  if (error.nodes) return error;
  const nodes = (error.locations ?? []).flatMap((at) => fieldsAt.get(locationKey(at.line, at.column)) ?? []);
  return new GraphQLError(error.message, {
    nodes: nodes.length > 0 ? nodes : undefined,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
}

function interpretedShape(result: ExecutionResult, fieldsAt: Map<string, FieldNode>): ExecutionResult {
  if (!result.errors?.length) return result;
  // graphql-js puts errors first; clients and snapshot tests see the same bytes either way.
  const { errors, data, extensions } = result;
  return {
    errors: errors.map((error) => asInterpretedError(error, fieldsAt)),
    data,
    ...(extensions !== undefined ? { extensions } : {}),
  };
}

/**
 * Runs queries that clients send again and again as compiled JavaScript (graphql-jit) instead of
 * interpreting the document field by field: the same answers, with less CPU per request. A
 * document is compiled once, after it has run `runsBeforeCompiling` times interpreted, so a client
 * sending one-off documents makes the server compile nothing (a compile costs several
 * executions). Mutations and subscriptions always run through graphql-js.
 */
export function useCompiledQueries(options: { runsBeforeCompiling: number }): Plugin {
  const documents = new WeakMap<DocumentNode, DocumentRecord>();
  /** The compiled form of this run's operation, or null when it runs interpreted. */
  const compiledFor = (args: ExecutionArgs): CompiledOperation | null => {
    let record = documents.get(args.document);
    if (!record) {
      record = { runs: 0, compiled: new Map() };
      documents.set(args.document, record);
    }
    record.runs += 1;
    if (record.runs <= options.runsBeforeCompiling) return null;
    const name = args.operationName ?? '';
    let compiled = record.compiled.get(name);
    if (compiled === undefined) {
      compiled = compileOperation(args.schema, args.document, args.operationName ?? undefined);
      record.compiled.set(name, compiled);
    }
    return compiled;
  };
  return {
    // Decided when execution starts, not here: an operation a later plugin refuses (the limits) never
    // counts as a run, and plugins that wrap execution (tracing) wrap the compiled run too.
    onExecute({ executeFn, setExecuteFn }) {
      const interpret = executeFn;
      setExecuteFn(
        makeExecute(async (args: ExecutionArgs) => {
          const compiled = compiledFor(args);
          if (compiled === null) return interpret(args) as Promise<ExecutionResult> | ExecutionResult;
          const result = await compiled.query(args.rootValue, args.contextValue, args.variableValues);
          // No data at all: the variables were refused before anything ran. graphql-jit words that
          // differently (and yoga would answer 200, not 400), so graphql-js reports it instead.
          if (result.data === undefined) return interpret(args) as Promise<ExecutionResult> | ExecutionResult;
          return interpretedShape(result, compiled.fieldsAt);
        }),
      );
    },
  };
}
