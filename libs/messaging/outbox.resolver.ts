import { Args, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsNotEmpty } from 'class-validator';
import type { Caller } from '../auth/caller.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { MessagingOperations } from './messaging-operations.js';
import type { ParkedDelivery, SubscriberProgress } from './outbox-relay.js';

const POSITION = 'a position in the event log (a whole number; Float because positions outgrow a 32-bit Int)';

@ObjectType('ParkedEvent', { description: 'An event one subscriber kept failing on, set aside for an operator; later events of its aggregate wait behind it.' })
export class ParkedEventType implements ParkedDelivery {
  @Field(() => ID) eventId!: string;
  @Field() eventType!: string;
  @Field() subscriber!: string;
  @Field() aggregateType!: string;
  @Field() aggregateId!: string;
  @Field(() => Float, { description: POSITION }) position!: number;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() occurredAt!: Date;
  @Field(() => Int, { description: 'Later events of the same aggregate held behind it for this subscriber' }) held!: number;
}

@ObjectType('SubscriberProgress', { description: "Where one subscriber is in the event log, and what waits." })
export class SubscriberProgressType implements SubscriberProgress {
  @Field() name!: string;
  @Field(() => Float, { description: `The cursor: ${POSITION} of the last event it passed` }) position!: number;
  @Field(() => Float, { description: 'Events before this position are never handed to it' }) fromPosition!: number;
  @Field(() => Float, { description: 'Events of its types in the log it has not passed yet' }) lag!: number;
  @Field(() => Int, { description: 'Failed events waiting for their next attempt' }) retrying!: number;
  @Field(() => Int, { description: 'Events waiting behind an earlier event of their aggregate' }) held!: number;
  @Field(() => Int) parked!: number;
  @Field({ description: 'Whether the answering process runs it (a renamed or removed subscriber is not)' }) active!: boolean;
  @Field({ description: 'When a process running it last started' }) seenAt!: Date;
  @Field(() => Date, { nullable: true }) resetAt!: Date | null;
}

@InputType()
export class ReplayParkedEventInput {
  @Field(() => ID) @IsNotEmpty() eventId!: string;
  @Field() @IsNotEmpty() subscriber!: string;
}

@InputType()
export class ResetSubscriberInput {
  @Field() @IsNotEmpty() name!: string;
  @Field(() => Float, { defaultValue: 0, description: `Where it starts again: ${POSITION}; 0, the beginning` }) fromPosition!: number;
}

/** Operators see the subscribers' progress and parked deliveries, and steer them. ADMIN only (MessagingPolicy). */
@Resolver()
export class OutboxResolver {
  constructor(private readonly operations: MessagingOperations) {}

  @Query(() => [ParkedEventType], { description: 'ADMIN: deliveries that kept failing, oldest first' })
  parkedEvents(@CurrentCaller() caller: Caller | null): Promise<ParkedDelivery[]> {
    return this.operations.parkedEvents(caller);
  }

  @Mutation(() => ParkedEventType, { description: 'ADMIN: retries a parked delivery with fresh attempts' })
  replayParkedEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: ReplayParkedEventInput): Promise<ParkedDelivery> {
    return this.operations.replayParkedEvent(caller, input.eventId, input.subscriber);
  }

  @Mutation(() => ParkedEventType, { description: 'ADMIN: gives up on a parked delivery; the events held behind it follow' })
  skipParkedEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: ReplayParkedEventInput): Promise<ParkedDelivery> {
    return this.operations.skipParkedEvent(caller, input.eventId, input.subscriber);
  }

  @Query(() => [SubscriberProgressType], { description: "ADMIN: every subscriber's progress through the event log" })
  subscribers(@CurrentCaller() caller: Caller | null): Promise<SubscriberProgress[]> {
    return this.operations.subscribers(caller);
  }

  @Mutation(() => SubscriberProgressType, {
    description: 'ADMIN: clears a subscriber\'s read model and sends it the event log again from a position, to rebuild it',
  })
  resetSubscriber(@CurrentCaller() caller: Caller | null, @Args('input') input: ResetSubscriberInput): Promise<SubscriberProgress> {
    return this.operations.resetSubscriber(caller, input.name, input.fromPosition);
  }
}
