import { Global, Module } from '@nestjs/common';
import { DemoRegistry } from './demo-seeder.js';

@Global()
@Module({ providers: [DemoRegistry], exports: [DemoRegistry] })
export class DemoModule {}
