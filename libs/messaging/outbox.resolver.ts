import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsNotEmpty } from 'class-validator';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { requireAdmin } from '../auth/require.js';
import { NotFoundError } from '../ddd/errors.js';
import { OutboxRelay, type ParkedDelivery } from './outbox-relay.js';

@ObjectType('ParkedEvent', { description: 'An event one subscriber kept failing on, set aside for an operator.' })
export class ParkedEventType implements ParkedDelivery {
  @Field(() => ID) eventId!: string;
  @Field() eventType!: string;
  @Field() subscriber!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() occurredAt!: Date;
}

@InputType()
export class ReplayParkedEventInput {
  @Field(() => ID) @IsNotEmpty() eventId!: string;
  @Field() @IsNotEmpty() subscriber!: string;
}

/** Operators see parked deliveries and put them back in line. ADMIN only. */
@Resolver()
export class OutboxResolver {
  constructor(private readonly relay: OutboxRelay) {}

  @Query(() => [ParkedEventType], { description: 'ADMIN: deliveries that kept failing, oldest first' })
  parkedEvents(@CurrentCaller() caller: Caller | null): Promise<ParkedDelivery[]> {
    requireAdmin(caller);
    return this.relay.parked();
  }

  @Mutation(() => ParkedEventType, { description: 'ADMIN: retries a parked delivery with fresh attempts' })
  async replayParkedEvent(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: ReplayParkedEventInput,
  ): Promise<ParkedDelivery> {
    requireAdmin(caller);
    const parked = (await this.relay.parked()).find((p) => p.eventId === input.eventId && p.subscriber === input.subscriber);
    if (!parked || !(await this.relay.replay(input.eventId, input.subscriber))) {
      throw new NotFoundError('Parked event', `${input.eventId} for ${input.subscriber}`);
    }
    return { ...parked, attempts: 0 };
  }
}
