import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDay, type CalendarDay } from '../ddd/calendar-day.js';

/**
 * The types of contract file 49-shared.graphql, which housing, community, support,
 * insights and privacy share: the `Date` scalar (a day in Japan), `DateRange`,
 * `DateRangeInput` and `ContactCard`. A module declares its fields with them, e.g.
 * `@Field(() => DateScalar) checkIn!: string` (a bare TypeScript `Date` would become
 * `DateTime`).
 */
function day(value: unknown): CalendarDay {
  if (!isCalendarDay(value)) {
    throw new GraphQLError('Date must be a calendar day written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<CalendarDay, CalendarDay>({
  name: 'Date',
  description: 'A calendar day in Japan (Asia/Tokyo), written YYYY-MM-DD.',
  serialize: (value) => day(value),
  parseValue: (value) => day(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Date must be a string written YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return day(ast.value);
  },
});

@ObjectType('DateRange', { description: 'Days [start, end): start included, end excluded (a stay\'s nights, a free period).' })
export class DateRangeType {
  @Field(() => DateScalar) start!: CalendarDay;
  @Field(() => DateScalar) end!: CalendarDay;
}

/** Days [start, end); whether start < end is the command's to say (naming its own field). */
@InputType('DateRangeInput')
export class DateRangeInput {
  @Field(() => DateScalar) start!: CalendarDay;
  @Field(() => DateScalar) end!: CalendarDay;
}

/**
 * A person as one partner sees them while serving them: displayName always; fullName,
 * email and phone only where the module's rule allows (else null). Each module builds its
 * own from what the person gave it; no module asks another for contact details.
 */
@ObjectType('ContactCard', {
  description:
    'A person as one partner sees them while serving them. displayName always; fullName, email and phone only ' +
    'where the file that returns it says so (else null).',
})
export class ContactCardType {
  @Field(() => ID) accountId!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}
