import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  validate,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE, MAX_PAGE } from './connection.js';

/*
 * How much one GraphQL document may ask for. Each number was set against every document of
 * the e2e tests and the screens (test/security/legitimate-queries.e2e-spec.ts keeps those
 * passing), with headroom, and against the hostile documents of
 * test/security/queries.cases.ts, which stay well above it.
 */

/**
 * Field levels, counted as armor does: a top-level field is level 1, a connection's
 * `edges { node }` two more, fragments none. The deepest screen, employers with their
 * opportunities and each one's region, is 8; 10 leaves room for a wrapper, not for a loop
 * through the types (Employer.opportunities.employer…, 12 levels in two turns). Introspection
 * (`__schema`) is not counted: its TypeRef fragment alone nests `ofType` eight times.
 */
export const MAX_QUERY_DEPTH = 10;

/**
 * Aliases in one operation (`__typename` is free). A screen aliases a field to ask for it
 * twice with other arguments (upcoming and past events): a handful. 1,000 aliases of one
 * expensive field is the attack this stops first.
 */
export const MAX_ALIASES = 20;

/** `@include`/`@skip` (or any directive) in one operation: a screen toggles a few parts. */
export const MAX_DIRECTIVES = 30;

/**
 * Lexical tokens in one document (a string literal is one token). The longest real document,
 * the IDE's full introspection query, is about 190 tokens; the largest screen about 65.
 * Parsing stops at the limit, so a huge document costs no more than this to refuse. The limit
 * also bounds graphql's own validation, superlinear in fields of one name that conflict
 * (OverlappingFieldsCanBeMerged): at 800 tokens the worst document we found (conflicting
 * fields of one name) answered in 68 ms over HTTP on a busy machine (`npm run
 * bench:security`), past the 50 ms every refusal must stay under; at 500 it costs about
 * (500/800)² of that. The full introspection query is 183 tokens, the largest screen about
 * 65. A client with larger documents (many generated fragments) should measure that case
 * again before raising it.
 */
export const MAX_TOKENS = 500;

/**
 * Selections (fields, fragment spreads, inline fragments) once fragments are expanded, counted
 * by Apollo's maxRecursiveSelections rule in validation. Without fragments a document cannot
 * have more than it has tokens; the full introspection query has about 250. Fragments that
 * each spread the next one twice double the count at every level (30 levels: 2^30) and would
 * make the cost analysis, then execution, take forever.
 */
export const MAX_SELECTIONS = 1_000;

/**
 * Cost: about the number of values the server may have to produce. Every field costs 1
 * plus its children; a field taking `first` (a connection, a ranked list) multiplies that by
 * `first` (DEFAULT_PAGE when absent, at most MAX_PAGE: above that the resolver refuses it
 * anyway); any other list of objects by LIST_COST_FACTOR. The costliest real screens, the
 * largest page of events with every detail and 100 matches with history and messages, are
 * about 7,500; a page of 100 opportunity cards 2,800; 20 employers with 20 opportunities each
 * 3,800. A page of 100 nested in another of 100 is over 40,000 values (and 101 SQL queries);
 * 1,000 aliased pages of 100, 200,000 and more.
 */
export const MAX_QUERY_COST = 20_000;

/**
 * Multiplier of a list of objects that takes no `first`: what one such list commonly holds,
 * not what it may. Most are short by nature (Event.speakers and program, Match.history,
 * memberships, a candidate's own matches); Match.messages can grow, and should become a
 * connection when conversations get long.
 */
export const LIST_COST_FACTOR = 5;

const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

/** A refusal before execution: GRAPHQL_VALIDATION_FAILED with HTTP 400, as Apollo answers its own rules. */
function refusal(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: VALIDATION_FAILED, http: { status: 400 } } });
}

/** `edges` of a type that also has `pageInfo`: a Relay connection's. */
function isConnectionEdges(parent: GraphQLCompositeType, fieldName: string): boolean {
  return fieldName === 'edges' && (isObjectType(parent) || isInterfaceType(parent)) && 'pageInfo' in parent.getFields();
}

/** The page a `first` (or `last`) argument asks for, as the resolvers will take it. */
function pageOf(value: unknown, defaultPage: number, maxPage: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return defaultPage;
  return Math.min(Math.max(value, 1), maxPage);
}

/** Options of {@link pagedCostEstimator}; the defaults are the project's. */
export interface PagedCostOptions {
  defaultPage?: number;
  maxPage?: number;
  listFactor?: number;
}

/**
 * graphql-query-complexity estimator: 1 per field plus its children, times the page size for
 * a field with `first`/`last`, times `listFactor` for another list of objects. A connection's
 * `edges` are not multiplied again (the connection field already was). Introspection costs
 * nothing here: it reads the schema in memory, is off in production, and the alias and
 * directive caps still bound it.
 */
export function pagedCostEstimator(options: PagedCostOptions = {}): ComplexityEstimator {
  const defaultPage = options.defaultPage ?? DEFAULT_PAGE;
  const maxPage = options.maxPage ?? MAX_PAGE;
  const listFactor = options.listFactor ?? LIST_COST_FACTOR;
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith('__') || field.name === '__schema' || field.name === '__type') return 0;
    if (isLeafType(getNamedType(field.type))) return 1;
    const own = 1 + childComplexity;
    const paged = field.args.find((a) => a.name === 'first' || a.name === 'last');
    if (paged) return own * pageOf(args.first ?? args.last, defaultPage, maxPage);
    if (isListType(getNullableType(field.type)) && !isConnectionEdges(type, field.name)) return own * listFactor;
    return own;
  };
}

/** Options of {@link costLimitPlugin}; the defaults are the project's. */
export interface CostLimitOptions {
  maximumCost?: number;
  /** Selections the analysis may visit; validation (MAX_SELECTIONS) refuses more before this runs. */
  maxSelections?: number;
  estimator?: ComplexityEstimator;
}

/**
 * The refusal of an operation whose cost, with these variables, exceeds the maximum; null
 * when it fits. Variables that do not fit their types are left to execution, which refuses
 * them as BAD_USER_INPUT.
 */
export function operationCostError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  options: CostLimitOptions = {},
): GraphQLError | null {
  const maximumCost = options.maximumCost ?? MAX_QUERY_COST;
  // Only a safety net: QueryComplexity throws once it has visited this many selections.
  const maxQueryNodes = (options.maxSelections ?? MAX_SELECTIONS) + 1;
  const rule = createComplexityRule({
    maximumComplexity: maximumCost,
    variables,
    operationName,
    maxQueryNodes,
    estimators: [options.estimator ?? pagedCostEstimator()],
    createError: (max, actual) =>
      refusal(`Query cost ${actual} exceeds the maximum cost of ${max} (connections count their page size)`),
  });
  let errors: readonly GraphQLError[];
  try {
    errors = validate(schema, document, [rule as ValidationRule]);
  } catch (error) {
    // Thrown, not reported, when fragments expand past maxQueryNodes.
    if (error instanceof GraphQLError) {
      return refusal(`Query has more than ${maxQueryNodes - 1} selections once its fragments are expanded`);
    }
    throw error;
  }
  return errors.find((e) => e.extensions?.code === VALIDATION_FAILED) ?? null;
}

/** How many (operation, variables) verdicts are kept per document before they are dropped. */
const VERDICTS_PER_DOCUMENT = 256;

/**
 * Refuses an operation whose cost exceeds the maximum, after validation and before any
 * resolver runs. It is a plugin (didResolveOperation) rather than a validation rule because
 * the cost depends on the variables (`first: $first`): validation rules see no variables,
 * and Apollo validates a document once and caches it, while this runs on every request.
 * (Subscriptions over WebSocket run the same check: libs/graphql/subscriptions.ts.)
 */
export function costLimitPlugin(options: CostLimitOptions = {}): ApolloServerPlugin {
  // Apollo hands the same parsed document to every request with the same text, so a
  // document's verdicts are kept per operation and variables: the page people open most
  // is walked once, not once per request. Bounded per document (variables such as ids vary).
  // A verdict is the refusal's message (null: within the limit); each refusal is a fresh error.
  const verdicts = new WeakMap<DocumentNode, Map<string, string | null>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // no such operation: execution answers that
          const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(request.variables ?? {})}`;
          let known = verdicts.get(document);
          if (!known) verdicts.set(document, (known = new Map()));
          let verdict = known.get(key);
          if (verdict === undefined) {
            verdict = operationCostError(schema, document, operation.name?.value, request.variables ?? {}, options)?.message ?? null;
            if (known.size >= VERDICTS_PER_DOCUMENT) known.clear();
            known.set(key, verdict);
          }
          if (verdict !== null) throw refusal(verdict);
        },
      };
    },
  };
}

/** Reports an armor refusal as a validation error, without armor's misleading "Syntax Error: ". */
const reportRefusal = (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
};

const refuseWith = (errorMessage: string) => ({
  exposeLimits: false,
  errorMessage,
  propagateOnRejection: false,
  onReject: [reportRefusal],
});

/** What GraphQLModule.forRoot takes from {@link queryLimits} (Apollo Server options). */
export interface QueryLimitOptions {
  parseOptions: ParseOptions;
  maxRecursiveSelections: number;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  allowBatchedHttpRequests: false;
  hideSchemaDetailsFromClientErrors: boolean;
}

/**
 * Every limit on what one request may ask, as options for GraphQLModule.forRoot (spread
 * them in; add your own plugins and rules to these arrays). In the order they apply:
 * - batches (a JSON array body) refused by Apollo: BAD_REQUEST, HTTP 400;
 * - tokens, while parsing (graphql-js `maxTokens`): GRAPHQL_PARSE_FAILED, HTTP 400. (Armor's
 *   max-tokens plugin throws from an Apollo hook, which Apollo 5 answers with HTTP 500.)
 * - selections with fragments expanded (Apollo's maxRecursiveSelections), in a first pass of
 *   validation with graphql's own rules (NoFragmentCycles reports a cycle there);
 * - depth, aliases and directives (graphql-armor), in a second pass that runs only when the
 *   first found nothing. Armor memoizes fragments, so even a cycle would not loop;
 * - cost, with the variables, after validation and before execution ({@link costLimitPlugin}).
 * All but the first two answer GRAPHQL_VALIDATION_FAILED with HTTP 400. In production,
 * where introspection is off, validation messages do not suggest other field names.
 */
export function queryLimits({ production }: { production: boolean }): QueryLimitOptions {
  const armor = new ApolloArmor({
    maxDepth: {
      n: MAX_QUERY_DEPTH,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...refuseWith(`Query exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`),
    },
    maxAliases: { n: MAX_ALIASES, ...refuseWith(`Query exceeds the limit of ${MAX_ALIASES} aliases`) },
    maxDirectives: { n: MAX_DIRECTIVES, ...refuseWith(`Query exceeds the limit of ${MAX_DIRECTIVES} directives`) },
    // Replaced by the above: graphql-query-complexity knows pages, graphql-js counts tokens
    // while parsing, Apollo strips suggestions more cleanly ("… on type "Region"." rather
    // than "… [Suggestion hidden]?").
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    parseOptions: { maxTokens: MAX_TOKENS },
    maxRecursiveSelections: MAX_SELECTIONS,
    validationRules: armor.validationRules,
    // armor's own plugins (tokens, suggestions) are off: only its rules are taken.
    plugins: [costLimitPlugin()],
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: production,
  };
}
