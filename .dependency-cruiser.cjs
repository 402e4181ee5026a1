// Layers and cycles, checked by `npm run lint` (dependency-cruiser; tests/lint.layers.test.ts proves each rule fires).
// The house rules: routes parse, authorise and call a service; services own the transaction and never see fastify;
// repositories are the only code that speaks Kysely; pure rule files do no I/O.

// The pure rule files: plain functions over values, no database, no network, no files. This list is the one
// place that names them (README, "Module map", points here); a new pure file joins it.
const PURE_FILES = [
  '^src/shared/',
  '^src/allocation/(draw|draw-notice|queue|fit|round-rules|settlement|transition-subsidy|rmb-capital|notice-page|forfeit-kinds)\\.ts$',
  '^src/checkin/(stages|day-state|stage-forms)\\.ts$',
  '^src/audit/(audit-chain|checkpoint|audit-actions)\\.ts$',
  '^src/auth/login-policy\\.ts$',
  '^src/projects/project-rules\\.ts$',
  '^src/buildings/(unit-facts|unit-label)\\.ts$',
  '^src/households/(household-draft|household-view)\\.ts$',
  '^src/agreements/(agreement-placeholders|agreement-view|file-sniff|render-[a-z-]+)\\.ts$',
  '^src/reports/render-[a-z-]+\\.ts$',
  '^src/pdf/(pdf-document|pdf-table|qr)\\.ts$',
  '^src/imports/(household-sheet|unit-sheet|sheet-rules|import-report)\\.ts$',
];

const REPOSITORY = '\\.repo\\.ts$';
const SERVICE = '\\.service\\.ts$';
const ROUTES = '\\.routes\\.ts$';
const KYSELY = '(^|/)node_modules/kysely/';
const FASTIFY = '(^|/)node_modules/(fastify|@fastify/[^/]+|fastify-type-provider-zod)/';
const IO_CORE_MODULES =
  '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads)$';
const IO_PACKAGES = '(^|/)node_modules/(better-sqlite3|pg|pg-[a-z-]+|kysely|exceljs)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kysely-only-in-repositories',
      comment:
        'Kysely (and its sql tag) belongs to *.repo.ts, src/db and migrations: every query lives in a repository, ' +
        'so a service can be read as domain rules and the SQL stays portable across SQLite and PostgreSQL.',
      severity: 'error',
      from: { pathNot: [REPOSITORY, '^src/db/', '^migrations/'] },
      to: { path: KYSELY },
    },
    {
      name: 'no-fastify-below-routes',
      comment:
        'Services, repositories and pure files never import fastify, @fastify/* or the zod type provider: ' +
        'HTTP ends in the routes, so the same use cases serve the CLI, the tests and the benchmarks.',
      severity: 'error',
      from: { path: [SERVICE, REPOSITORY, ...PURE_FILES] },
      to: { path: FASTIFY },
    },
    {
      name: 'routes-call-services',
      comment:
        'A route (a *.routes.ts, the pages under src/web, /health in app.ts) parses, authorises and calls a ' +
        'service; it never reaches a repository, which would skip the transaction, the rules and the audit row.',
      severity: 'error',
      from: { path: [ROUTES, '^src/app\\.ts$', '^src/web/'] },
      to: { path: REPOSITORY },
    },
    {
      name: 'pure-files-do-no-io',
      comment:
        'The pure rule files (PURE_FILES above) are plain functions: no files, network, database, HTTP, ' +
        'services, repositories or the app dependencies, so they are tested without setup and reused anywhere.',
      severity: 'error',
      from: { path: PURE_FILES },
      to: {
        path: [
          IO_CORE_MODULES,
          IO_PACKAGES,
          FASTIFY,
          REPOSITORY,
          SERVICE,
          '^src/deps\\.ts$',
          '^src/db/(?!schema\\.ts$)',
        ],
      },
    },
    {
      name: 'no-module-cycle',
      comment:
        'No import cycles between files, type-only imports included: a cycle makes two files one module ' +
        'in disguise and its load order fragile.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment:
        'No cycles between folders either: the folders are the modules of the README map, and a folder ' +
        'that needs another must not be needed back by it.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no JS API, so swc parses; tsPreCompilationDeps keeps type-only imports in the graph.
    parser: 'swc',
    tsPreCompilationDeps: true,
    // Absolute, so that tests/lint.layers.test.ts can cruise its fixture folder with the same config.
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/static/' },
  },
};
