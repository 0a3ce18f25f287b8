import { Global, Module } from '@nestjs/common';
import { BulkRegistry } from './bulk-seeder.js';
import { DemoRegistry } from './demo-seeder.js';

@Global()
@Module({ providers: [DemoRegistry, BulkRegistry], exports: [DemoRegistry, BulkRegistry] })
export class DemoModule {}
