import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * A request to the GraphQL endpoint that the HTTP layer refuses before Apollo sees it (a body
 * that is not JSON, an empty body, one over the body limit, an unsupported media type) is
 * answered in the contract's shape — `{ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }`
 * with its 4xx status — as Apollo answers a batch, instead of Nest's `{ statusCode, message }`.
 * Other paths, 5xx errors and exceptions inside resolvers are left to Nest as before.
 *
 * Register it globally before `app.init()`:
 * `app.useGlobalFilters(new GraphqlTransportErrorFilter(app.getHttpAdapter()))`, or
 * `{ provide: APP_FILTER, useClass: GraphqlTransportErrorFilter }`.
 */
@Catch(HttpException)
export class GraphqlTransportErrorFilter extends BaseExceptionFilter {
  /** GraphQLModule's `path`. (No constructor of our own: Nest injects BaseExceptionFilter's.) */
  protected readonly path = '/graphql';

  override catch(exception: HttpException, host: ArgumentsHost): void {
    // Not handled (undefined): Nest's own handling of GraphQL and other contexts applies.
    if (host.getType() !== 'http') return;
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    const status = exception.getStatus();
    const [request, response] = [host.getArgByIndex(0), host.getArgByIndex(1)];
    const url = String(adapter?.getRequestUrl?.(request) ?? (request as { url?: string } | undefined)?.url ?? '');
    if (!adapter || status < 400 || status >= 500 || url.split('?')[0] !== this.path) {
      return super.catch(exception, host);
    }
    if (adapter.isHeadersSent(response)) return void adapter.end(response);
    adapter.reply(response, { errors: [{ message: exception.message, extensions: { code: 'BAD_REQUEST' } }] }, status);
  }
}
