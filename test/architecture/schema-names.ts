import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Which PostgreSQL schemas a piece of source names in its SQL, for the architecture test of
 * ARCHITECTURE.md rule 1 (a module's tables live in its own schema; no query crosses
 * schemas).
 *
 * "SQL text" is every string and template literal of a TypeScript file (the only place SQL
 * lives in this code base: `q.query(\`…\`)`, query builders' table names), not comments and
 * not import paths. In it, `<schema>.<name>` names a schema's table or function: plain or
 * quoted (`"careers"."opportunity"`), in any case (`CAREERS.opportunity`, as PostgreSQL
 * folds unquoted names). Not read as SQL: dotted names of three or more parts
 * (`careers.opportunity.published` is an event type) and hyphenated ones
 * (`matching.copy-on-opportunity-published` is a subscriber). A `schema: '<name>'`
 * property (an EntitySchema, a table descriptor) names the schema as well.
 */
export interface SchemaName {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  schema: string;
  /** What was matched, e.g. `careers.opportunity`. */
  text: string;
}

/** Every name of one of `schemas` in the SQL text of `source` (a TypeScript file's text). */
export function schemaNamesIn(source: string, schemas: readonly string[], fileName = 'source.ts'): SchemaName[] {
  if (schemas.length === 0) return [];
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const alternatives = schemas.map((s) => s.replace(/[^\w]/g, '')).join('|');
  // (?<!…): not the tail of a longer dotted name or path; ("?)…\1: a quoted schema name is
  // closed by its quote; (?!…): not followed by more name, a hyphen or a further `.part`.
  const dotted = new RegExp(
    `(?<![\\w$."/-])("?)(${alternatives})\\1\\s*\\.\\s*"?[A-Za-z_][\\w$]*"?(?![\\w$-]|\\s*\\.\\s*"?[A-Za-z_])`,
    'gi',
  );
  const found: SchemaName[] = [];
  const at = (pos: number, schema: string, text: string) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(pos);
    found.push({ line: line + 1, column: character + 1, schema: schema.toLowerCase(), text });
  };

  const visit = (node: ts.Node): void => {
    if (isLiteralText(node) && !isModuleSpecifier(node)) {
      const raw = node.getText(sf);
      const start = node.getStart(sf);
      for (const m of raw.matchAll(dotted)) at(start + m.index, m[2], m[0]);
      const parent = node.parent;
      if (
        ts.isStringLiteralLike(node) &&
        ts.isPropertyAssignment(parent) &&
        parent.initializer === node &&
        parent.name.getText(sf).replace(/['"]/g, '') === 'schema' &&
        schemas.includes(node.text.toLowerCase())
      ) {
        at(start, node.text, `schema: ${raw}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function isLiteralText(node: ts.Node): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node)
  );
}

/** `import … from '…'`, `export … from '…'`, `import('…')`, `import type('…')`: paths, not SQL. */
function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
  return ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent);
}

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The modules (folders of src/modules/): by rule 1 each owns the schema of its name. */
export function moduleNames(root = ROOT): string[] {
  const dir = join(root, 'src', 'modules');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

/** Every .ts file under `dir`, as paths relative to the root with forward slashes. */
export function tsFilesUnder(dir: string, root = ROOT): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFilesUnder(path, root));
    else if (entry.name.endsWith('.ts')) out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

/**
 * Who owns a migration, by its file name: `<timestamp>-<module>.ts` or
 * `<timestamp>-<module>-<what>.ts` belongs to that module; any other name (foundation,
 * index) to the shared plumbing of libs/.
 */
export function migrationOwner(file: string, modules: readonly string[]): string | null {
  const name = /(?:^|\/)\d+-([^/]+)\.ts$/.exec(file)?.[1];
  if (!name) return null;
  return modules.find((m) => name === m || name.startsWith(`${m}-`)) ?? null;
}

export function readSource(file: string, root = ROOT): string {
  return readFileSync(join(root, file), 'utf8');
}
