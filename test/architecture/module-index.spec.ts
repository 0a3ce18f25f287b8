import ts from 'typescript';
import { moduleNames, readSource } from './schema-names.js';

/**
 * ARCHITECTURE.md rule 2: a module's index.ts exports only its Nest module. Lint proves
 * that nothing outside a module imports anything but its index.ts, and that index.ts
 * imports only `<m>.module.ts`; this proves the names: exactly one export, `<M>Module`,
 * re-exported from `./<m>.module.js`, where it is a class decorated with @Module.
 */
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** What an index.ts exports: `name from './path'` per binding, or what else it does. */
function exportsOf(source: string): string[] {
  const sf = ts.createSourceFile('index.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return sf.statements.flatMap((s): string[] => {
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      const from = s.moduleSpecifier.text;
      if (!s.exportClause) return [`* from '${from}'`];
      if (ts.isNamespaceExport(s.exportClause)) return [`* as ${s.exportClause.name.text} from '${from}'`];
      return s.exportClause.elements.map(
        (e) => `${s.isTypeOnly || e.isTypeOnly ? 'type ' : ''}${e.propertyName ? `${e.propertyName.text} as ` : ''}${e.name.text} from '${from}'`,
      );
    }
    return [`(not a re-export) ${s.getText(sf).split('\n')[0]}`];
  });
}

/** The exported classes of a file decorated with @Module(…). */
function nestModulesIn(source: string): string[] {
  const sf = ts.createSourceFile('m.module.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return sf.statements.flatMap((s) => {
    if (!ts.isClassDeclaration(s) || !s.name) return [];
    const modifiers = ts.getModifiers(s) ?? [];
    const decorators = ts.getDecorators(s) ?? [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const nest = decorators.some((d) => ts.isCallExpression(d.expression) && d.expression.expression.getText(sf) === 'Module');
    return exported && nest ? [s.name.text] : [];
  });
}

describe("a module's index.ts (ARCHITECTURE.md rule 2)", () => {
  it.each(moduleNames())('%s exports its Nest module and nothing else', (m) => {
    const name = `${pascal(m)}Module`;
    expect(exportsOf(readSource(`src/modules/${m}/index.ts`))).toEqual([`${name} from './${m}.module.js'`]);
    expect(nestModulesIn(readSource(`src/modules/${m}/${m}.module.ts`))).toEqual([name]);
  });

  it('catches an index that exports more, or exports it differently', () => {
    expect(exportsOf("export { EventsModule } from './events.module.js';")).toEqual(["EventsModule from './events.module.js'"]);
    expect(
      exportsOf(
        [
          "export * from './events.module.js';",
          "export { Event as EventAggregate } from './domain/event.aggregate.js';",
          "export type { EventView } from './application/queries/events.queries.js';",
          'export const x = 1;',
        ].join('\n'),
      ),
    ).toEqual([
      "* from './events.module.js'",
      "Event as EventAggregate from './domain/event.aggregate.js'",
      "type EventView from './application/queries/events.queries.js'",
      '(not a re-export) export const x = 1;',
    ]);
  });
});
