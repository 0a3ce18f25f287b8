import { BadRequestException, HttpException, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { GraphqlTransportErrorFilter } from './transport-errors.js';

function fakeAdapter() {
  const replies: Array<{ body: unknown; status: number }> = [];
  const adapter = {
    getRequestUrl: (req: { url: string }) => req.url,
    isHeadersSent: () => false,
    reply: (_res: unknown, body: unknown, status: number) => void replies.push({ body, status }),
    end: () => undefined,
  } as unknown as HttpServer;
  return { adapter, replies };
}

const host = (type: string, url: string) =>
  ({ getType: () => type, getArgByIndex: (i: number) => (i === 0 ? { url } : {}) }) as unknown as ArgumentsHost;

describe('GraphqlTransportErrorFilter', () => {
  it('answers a 4xx refusal of /graphql in the contract shape, keeping the status', () => {
    const { adapter, replies } = fakeAdapter();
    const filter = new GraphqlTransportErrorFilter(adapter);
    filter.catch(new BadRequestException("Body is not valid JSON but content-type is set to 'application/json'"), host('http', '/graphql'));
    filter.catch(new HttpException('Request body is too large', 413), host('http', '/graphql?x=1'));
    expect(replies).toEqual([
      { status: 400, body: { errors: [{ message: "Body is not valid JSON but content-type is set to 'application/json'", extensions: { code: 'BAD_REQUEST' } }] } },
      { status: 413, body: { errors: [{ message: 'Request body is too large', extensions: { code: 'BAD_REQUEST' } }] } },
    ]);
  });

  it("leaves other paths to Nest's usual answer", () => {
    const { adapter, replies } = fakeAdapter();
    new GraphqlTransportErrorFilter(adapter).catch(new BadRequestException('nope'), host('http', '/health'));
    expect(replies).toEqual([{ status: 400, body: { statusCode: 400, message: 'nope', error: 'Bad Request' } }]);
  });

  it('does not handle exceptions outside HTTP (GraphQL resolvers keep their own error mapping)', () => {
    const { adapter, replies } = fakeAdapter();
    expect(new GraphqlTransportErrorFilter(adapter).catch(new BadRequestException('x'), host('graphql', '/graphql'))).toBeUndefined();
    expect(replies).toEqual([]);
  });
});
