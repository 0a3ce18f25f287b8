import { registerEnumType } from '@nestjs/graphql';
import { EventKind } from './enums.js';

export { EventKind };

// Registered once here: the events module's types and insights' EventInsight both use it.
registerEnumType(EventKind, { name: 'EventKind' });
