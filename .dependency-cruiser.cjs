/**
 * The module boundaries of ARCHITECTURE.md (rules 1-2), the layers of "Inside one module"
 * and the clean domain of CONVENTIONS.md, enforced: `npm run lint` cruises src, libs,
 * migrations, bench, scripts and test (unit specs included) and fails on any of these.
 *
 * Words used below:
 * - a *pure value file* is a file of libs/contracts that holds only values every module
 *   may share (integration event classes, enums): `libs/contracts/<m>/events.ts`,
 *   `libs/contracts/<m>/enums.ts`, and `libs/contracts/careers/work-style.ts` (an enum
 *   file by another name; renaming it would touch every module for nothing). Such a file
 *   imports only libs/ddd and other pure value files (rule contract-values-are-pure), so a
 *   domain that imports it stays free of frameworks however deep one looks. The other
 *   contract files (queries.ts: @nestjs/cqrs; graphql.ts: @nestjs/graphql; loaders.ts) are
 *   not pure and a domain does not import them, nor any index.ts that re-exports them.
 * - the *pure built-ins* a domain may use: node:crypto (ids, the lottery's hash and seed).
 *   Nothing that does I/O (fs, net, child_process…): a domain decides, it does not act.
 */
const PURE_VALUE_FILE = '^libs/contracts/[^/]+/(events|enums|work-style)\\.ts$';
const PURE_BUILT_INS = '^crypto$';
const SPEC = '\\.spec\\.ts$';

module.exports = {
  forbidden: [
    // ---- between modules
    {
      name: 'no-reaching-into-another-module',
      comment: 'A module talks to others only through libs/contracts (commands, queries, integration events).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'only-the-index-of-a-module',
      comment:
        "Outside the modules, a module is reached only through its index.ts (which exports its Nest module): " +
        'src/app.module, libs, migrations, bench, scripts, the test harness (test/harness) and the tests at the root of test/.',
      severity: 'error',
      // test/<m>/ has its own rule below; test/harness/ is everyone's harness and stays here.
      from: { pathNot: ['^src/modules/', '^test/(?!harness/)[^/]+/'] },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: [
          '^src/modules/[^/]+/index\\.ts$',
          // Exception: bench:page compares Minato's page with the very SQL the app runs for it,
          // sent raw through pg; a copy of the SQL in the bench would drift from the app's.
          // Only this bench, only this file (the careers search builder, no state, no Nest).
          // Moving it would be the careers module's refactor, not this rule's.
          '^src/modules/careers/infrastructure/opportunity-search\\.ts$',
          // The same for bench:insights and the funnel's SQL (statements only, no state).
          '^src/modules/insights/infrastructure/insights\\.sql\\.ts$',
        ],
      },
    },
    {
      name: 'module-tests-reach-only-their-module',
      comment:
        "test/<m>/ holds module <m>'s e2e tests: they talk GraphQL, and may also check <m>'s own pieces " +
        "white-box (its SQL function against its aggregate, its lottery, its stores); never another module's internals.",
      severity: 'error',
      from: { path: '^test/([^/]+)/', pathNot: '^test/harness/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'tests-share-only-fixtures',
      comment:
        "Across test folders only the harness (test/harness) and GraphQL fixtures (*.fixtures.ts) are shared, " +
        "so one module's tests never reach another's internals through its test helpers.",
      severity: 'error',
      from: { path: '^test/([^/]+)/' },
      to: { path: '^test/', pathNot: ['^test/$1/', '^test/harness/', '\\.fixtures\\.ts$'] },
    },
    {
      name: 'fixtures-are-black-box',
      comment: 'Shared fixtures (test/**/*.fixtures.ts) talk GraphQL through the harness, not to module internals.',
      severity: 'error',
      from: { path: '^test/.+\\.fixtures\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'index-exports-only-the-nest-module',
      comment: "A module's index.ts re-exports its Nest module (<m>.module.ts) and nothing else (test/architecture checks the names).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/index\\.ts$' },
      to: { pathNot: '^src/modules/$1/$1\\.module\\.ts$' },
    },
    {
      name: 'libs-import-no-module',
      comment: 'libs/ holds what every module shares and no module owns.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },

    // ---- the domain: an allow-list
    {
      name: 'domain-imports-only-pure-values',
      comment:
        'domain/ is plain TypeScript: it imports only its own domain/, libs/ddd, pure value files of libs/contracts ' +
        '(events, enums, work-style) and node:crypto. No Nest, TypeORM, pg, GraphQL, no application/infrastructure/graphql.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/domain/', pathNot: SPEC },
      to: { pathNot: ['^src/modules/$1/domain/', '^libs/ddd/', PURE_VALUE_FILE, PURE_BUILT_INS] },
    },
    {
      name: 'domain-specs-import-only-pure-values',
      comment: "A domain's unit tests import what the domain may, plus fast-check for properties.",
      severity: 'error',
      from: { path: `^src/modules/([^/]+)/domain/.*${SPEC}` },
      to: { pathNot: ['^src/modules/$1/domain/', '^libs/ddd/', PURE_VALUE_FILE, PURE_BUILT_INS, '(^|/)node_modules/fast-check/'] },
    },
    {
      name: 'contract-values-are-pure',
      comment: 'A pure value file of libs/contracts imports only libs/ddd and other pure value files (so a domain importing it stays pure).',
      severity: 'error',
      from: { path: PURE_VALUE_FILE },
      to: { pathNot: ['^libs/ddd/', PURE_VALUE_FILE] },
    },
    {
      name: 'ddd-is-pure',
      comment: 'libs/ddd, the building blocks every domain uses, imports only itself and node:crypto.',
      severity: 'error',
      from: { path: '^libs/ddd/', pathNot: SPEC },
      to: { pathNot: ['^libs/ddd/', PURE_BUILT_INS] },
    },

    // ---- the other layers of a module
    {
      name: 'application-knows-no-graphql',
      comment: "A handler never imports GraphQL types: not its module's graphql/ layer, not GraphQL packages.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/application/' },
      to: { path: ['^src/modules/$1/graphql/', '(^|/)node_modules/(@nestjs/graphql|graphql|@apollo)/'] },
    },
    {
      name: 'graphql-talks-to-the-bus',
      comment: 'A resolver turns input into a command or query for the bus; it never imports infrastructure (repositories, read models, SQL).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/graphql/' },
      to: { path: '^src/modules/$1/infrastructure/' },
    },
    {
      name: 'only-the-nest-module-wires-graphql',
      comment: "graphql/ is a module's outermost layer: within the module only <m>.module.ts (and graphql/ itself) import it.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/(domain|application|infrastructure)/' },
      to: { path: '^src/modules/$1/graphql/' },
    },

    // ---- packages and cycles
    {
      name: 'production-code-uses-no-dev-dependencies',
      comment: 'The image runs after `npm prune --omit=dev`: src, libs and migrations (but their specs) import only dependencies.',
      severity: 'error',
      from: { path: '^(src|libs|migrations)/', pathNot: SPEC },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
