import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** Careers: local employers and the second-career opportunities they offer. */
@Module({
  imports: [CqrsModule],
  providers: [],
})
export class CareersModule {}
