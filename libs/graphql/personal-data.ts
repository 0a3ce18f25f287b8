import type { CommandBus } from '@nestjs/cqrs';
import type { GraphQLResolveInfo } from 'graphql';
import type { PersonalField } from '../contracts/privacy/enums.js';
import { RecordPersonalDataReadCommand, isLoggedRead } from '../contracts/privacy/commands.js';

/**
 * Where a read of personal data came from, for the access log: the root field (its name,
 * not its alias) and the field read, e.g. `candidate.email` or `consultationQueue.phone`.
 */
export function readVia(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const key = String(path.key);
  let root = key;
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind === 'Field' && (selection.alias?.value ?? selection.name.value) === key) {
      root = selection.name.value;
      break;
    }
  }
  return `${root}.${info.fieldName}`;
}

/**
 * A person's value as a field resolver hands it out: a read the access log keeps
 * (`isLoggedRead`) is recorded first, and the value returned once the log holds it.
 */
export async function reveal(
  commands: CommandBus,
  reader: { accountId: string } | null | undefined,
  subjectAccountId: string,
  field: PersonalField,
  value: string | null | undefined,
  info: GraphQLResolveInfo,
): Promise<string | null> {
  if (isLoggedRead(reader, subjectAccountId, value)) {
    await commands.execute(
      new RecordPersonalDataReadCommand([{ readerAccountId: reader.accountId, subjectAccountId, fields: [field], via: readVia(info) }]),
    );
  }
  return value ?? null;
}
