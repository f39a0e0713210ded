import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestLimits } from '../config.js';

/** What an operation would cost, measured on its text and variables before anything runs. */
export interface OperationMeasure {
  /** Estimated objects resolved: list sizes multiplied along each path (see src/schema/cost.ts). */
  cost: number;
  depth: number;
  /** Field selections, fragments counted each time they are spread. */
  breadth: number;
  aliases: number;
  directives: number;
}

type MeasureLimits = Pick<RequestLimits, 'maxCost' | 'maxDepth' | 'maxBreadth' | 'maxAliases' | 'maxDirectives'>;

/** Counts aliases and directives anywhere in the document (each written occurrence). */
function countSyntax(document: DocumentNode): Pick<OperationMeasure, 'aliases' | 'directives'> {
  let aliases = 0;
  let directives = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
    Directive() {
      directives += 1;
    },
  });
  return { aliases, directives };
}

/**
 * Measures the operation that would run. Returns errors instead when its variables cannot be coerced,
 * exactly as execution would report them.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  variableValues: Record<string, unknown> | undefined,
  operationName: string | undefined,
  context: object,
): OperationMeasure | readonly GraphQLError[] {
  let measured: Omit<OperationMeasure, 'aliases' | 'directives'> = { cost: 0, depth: 0, breadth: 0 };
  const rule = createComplexityRule({
    variableValues: variableValues ?? {},
    operationName: operationName ?? undefined,
    context,
    validate: (state) => {
      measured = { cost: state.complexity, depth: state.depth, breadth: state.breadth };
    },
  });
  const operation = getOperationAST(document, operationName);
  // An operation type the schema lacks (mutation, subscription) is execution's to report.
  if (!operation || schema.getRootType(operation.operation) == null) return [];
  let errors: readonly GraphQLError[];
  try {
    errors = validate(schema, document, [rule]);
  } catch (error) {
    // Arguments are parsed to be priced: a malformed one (a bad global id) is reported as it is.
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  if (errors.length > 0) return errors;
  return { ...measured, ...countSyntax(document) };
}

/** An operation refused before execution, naming the limit, its setting and the measured value. */
function refused(what: string, actual: number, max: number, setting: string, advice: string): GraphQLError {
  return new GraphQLError(
    `${what} ${actual.toLocaleString('en-US')} exceeds the limit of ${max.toLocaleString('en-US')} (${setting}); ${advice}`,
    {
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: setting, actual, max, http: { spec: true, status: 400 } },
    },
  );
}

/** The errors for every limit an operation exceeds (empty when it fits). */
export function checkOperation(measure: OperationMeasure, limits: MeasureLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (measure.depth > limits.maxDepth)
    errors.push(refused('Query depth', measure.depth, limits.maxDepth, 'MAX_DEPTH', 'nest fewer levels'));
  if (measure.aliases > limits.maxAliases)
    errors.push(
      refused('Alias count', measure.aliases, limits.maxAliases, 'MAX_ALIASES', 'use fewer aliases (or variables and several requests)'),
    );
  if (measure.directives > limits.maxDirectives)
    errors.push(refused('Directive count', measure.directives, limits.maxDirectives, 'MAX_DIRECTIVES', 'use fewer directives'));
  if (measure.breadth > limits.maxBreadth)
    errors.push(refused('Field count', measure.breadth, limits.maxBreadth, 'MAX_BREADTH', 'select fewer fields'));
  if (measure.cost > limits.maxCost) {
    errors.push(
      refused(
        'Query cost',
        measure.cost,
        limits.maxCost,
        'MAX_COST',
        'cost multiplies list sizes along each path: ask for smaller pages (first), fewer paths (k), fewer hops or less nesting',
      ),
    );
  }
  return errors;
}

/** Measures kept per parsed document (yoga reuses one document per query text), by operation and variables. */
const measures = new WeakMap<DocumentNode, Map<string, OperationMeasure | readonly GraphQLError[]>>();
const MEASURES_PER_DOCUMENT = 64;

/** The measure of an operation, computed once per document, operation name and variable values. */
function measured(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  measure: () => OperationMeasure | readonly GraphQLError[],
) {
  let byRequest = measures.get(document);
  if (!byRequest) {
    byRequest = new Map();
    measures.set(document, byRequest);
  }
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  let result = byRequest.get(key);
  if (result === undefined) {
    result = measure();
    if (byRequest.size >= MEASURES_PER_DOCUMENT) byRequest.delete(byRequest.keys().next().value ?? '');
    byRequest.set(key, result);
  }
  return result;
}

/**
 * Enforces the operation limits: the token count while parsing, then depth, aliases, directives,
 * breadth and cost after validation and before execution, so a refused request runs no Cypher.
 * A refused answer carries the whole measurement in `extensions.cost`.
 */
export function useOperationLimits(limits: RequestLimits & MeasureLimits): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /contains more th\w+ \d+ tokens/.test(error.message)) {
            throw new GraphQLError(`Query text has more than ${limits.maxTokens} tokens (MAX_TOKENS); send a smaller document`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_TOKENS', max: limits.maxTokens, http: { spec: true, status: 400 } },
            });
          }
          throw error;
        }
      });
    },
    onExecute({ args: untyped, setResultAndStopExecution }) {
      const args = untyped as ExecutionArgs;
      const measure = measured(args.document, args.variableValues ?? undefined, args.operationName ?? undefined, () =>
        measureOperation(
          args.schema,
          args.document,
          args.variableValues ?? undefined,
          args.operationName ?? undefined,
          args.contextValue as object,
        ),
      );
      if (!('cost' in measure)) {
        if (measure.length > 0) setResultAndStopExecution({ errors: measure });
        return;
      }
      const errors = checkOperation(measure, limits);
      if (errors.length > 0) setResultAndStopExecution({ errors, extensions: { cost: measure } });
    },
  };
}
