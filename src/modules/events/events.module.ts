import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** Events: briefings and tours with limited seats, queues and lotteries. */
@Module({
  imports: [CqrsModule],
  providers: [],
})
export class EventsModule {}
