import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { DrawLotteryCommand } from '../application/commands/draw-lottery/draw-lottery.command.js';
import { GetLotteryDrawQuery, type EventView, type LotteryDrawView } from '../application/queries/events.queries.js';
import { eventLoader } from './event-loaders.js';
import { DrawLotteryInput } from './event.inputs.js';
import { EventType, LotteryDrawType } from './event.types.js';

/** The lottery: drawn once by organizer staff, public once drawn. */
@Resolver(() => LotteryDrawType)
export class LotteryResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => LotteryDrawType, { nullable: true, description: 'public once drawn' })
  lotteryDraw(@CurrentCaller() caller: Caller | null, @Args('eventId', { type: () => ID }) eventId: string): Promise<LotteryDrawView | null> {
    return this.queries.execute(new GetLotteryDrawQuery(caller, eventId));
  }

  @Mutation(() => LotteryDrawType, { description: 'organizer staff; LOTTERY events only; once' })
  async drawLottery(@CurrentCaller() caller: Caller | null, @Args('input') input: DrawLotteryInput): Promise<LotteryDrawView> {
    const { eventId } = await this.commands.execute(new DrawLotteryCommand(caller, input.eventId, input.seed ?? null));
    const draw = await this.queries.execute(new GetLotteryDrawQuery(caller, eventId));
    if (!draw) throw new NotFoundError('LotteryDraw', eventId);
    return draw;
  }

  @ResolveField(() => EventType)
  async event(@Parent() draw: LotteryDrawView, @Context() ctx: RequestContext): Promise<EventView> {
    const event = await eventLoader(ctx, this.queries).load(draw.eventId);
    if (!event) throw new NotFoundError('Event', draw.eventId);
    return event;
  }
}
