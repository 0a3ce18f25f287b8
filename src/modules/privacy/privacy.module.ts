import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RecordPersonalDataReadHandler } from './application/commands/record-reads/record-reads.handler.js';
import { SetConsentHandler } from './application/commands/set-consent/set-consent.handler.js';
import {
  AccessLogHandler,
  ExportMyDataHandler,
  MyConsentsHandler,
  ProvisionRecordsHandler,
} from './application/queries/privacy-queries.handler.js';
import {
  GrantMatchingOnFirstProfile,
  RecordProvisionsOnEvents,
  RequestErasureOnAccountErased,
} from './application/subscribers/privacy.subscribers.js';
import {
  ConsentResolver,
  ContactCardResolver,
  PersonalDataAccessResolver,
  PrivacyResolver,
  ProvisionRecordResolver,
} from './graphql/privacy.resolver.js';
import { AccessLogWriter } from './infrastructure/access-log.writer.js';
import { PrivacyDemoSeeder } from './infrastructure/privacy.demo.js';
import { PrivacyHousekeeping } from './infrastructure/privacy.housekeeping.js';
import { PrivacyRepository } from './infrastructure/privacy.repository.js';

/**
 * Personal data (contract 90-privacy, schema `privacy`): consents, provision records (from
 * the acts' events), the access log of staff reads (every ContactCard passes through it),
 * the export (each module answers its own contract query) and erasure (asked of every
 * module by `privacy.account.erasure-requested`).
 */
@Module({
  imports: [CqrsModule],
  providers: [
    PrivacyRepository,
    AccessLogWriter,
    PrivacyHousekeeping,
    SetConsentHandler,
    RecordPersonalDataReadHandler,
    MyConsentsHandler,
    ProvisionRecordsHandler,
    AccessLogHandler,
    ExportMyDataHandler,
    RecordProvisionsOnEvents,
    GrantMatchingOnFirstProfile,
    RequestErasureOnAccountErased,
    PrivacyResolver,
    ConsentResolver,
    ProvisionRecordResolver,
    PersonalDataAccessResolver,
    ContactCardResolver,
    PrivacyDemoSeeder,
  ],
})
export class PrivacyModule {}
