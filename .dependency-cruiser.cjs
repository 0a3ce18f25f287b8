/**
 * The module boundaries of ARCHITECTURE.md (rules 1-2) and the clean domain of
 * CONVENTIONS.md, enforced: `npm run lint` fails on any of these.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-reaching-into-another-module',
      comment: 'A module talks to others only through libs/contracts (commands, queries, integration events).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'only-the-index-of-a-module',
      comment: "Outside the modules, a module is reached only through its index.ts (which exports its Nest module).",
      severity: 'error',
      from: { pathNot: '^src/modules/' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'libs-import-no-module',
      comment: 'libs/ holds what every module shares and no module owns.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'domain-free-of-frameworks',
      comment: 'domain/ is plain TypeScript: no Nest, no TypeORM, no database driver, no GraphQL.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: { path: 'node_modules/(@nestjs|typeorm|pg|graphql|@apollo)' },
    },
    {
      name: 'domain-depends-on-nothing-outer',
      comment: 'domain/ does not know the application, infrastructure or GraphQL layers.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/domain/' },
      to: { path: '^src/modules/$1/(application|infrastructure|graphql)/' },
    },
    {
      name: 'domain-uses-only-framework-free-libs',
      comment: 'From libs, domain/ may use the DDD building blocks, contracts events and auth enums only.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: { path: '^libs/(messaging|database|graphql|logging|demo|config)/' },
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
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
