import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it } from 'vitest';
import { rolesOf } from '../../functions/http/roles.ts';
import { matchRoute } from '../../local/api-gateway.ts';
import {
  fromApiGatewayResult,
  type LocalRequest,
  toApiGatewayEvent,
  withAuthorizerClaims,
} from '../../local/gateway-event.ts';

const request = (overrides: Partial<LocalRequest> = {}): LocalRequest => ({
  method: 'GET',
  url: '/api/venues/west-scenic-zone',
  headers: { host: '127.0.0.1:4321', 'user-agent': 'vitest' },
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  httpVersion: '1.1',
  ...overrides,
});

const route = { routeKey: 'GET /api/venues/{id}', pathParameters: { id: 'west-scenic-zone' } };

describe('toApiGatewayEvent', () => {
  it('builds an event that the Powertools schema of HTTP API payload 2.0 accepts', () => {
    const event = toApiGatewayEvent(
      request({
        method: 'POST',
        url: '/api/venues/west-scenic-zone?lang=zh&tag=a&tag=b',
        headers: { host: '127.0.0.1:4321', 'content-type': 'application/json', cookie: 'a=1; b=2' },
        body: Buffer.from('{"rating":5}'),
      }),
      route,
    );
    expect(() => APIGatewayProxyEventV2Schema.parse(event)).not.toThrow();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/venues/{id}',
      rawPath: '/api/venues/west-scenic-zone',
      rawQueryString: 'lang=zh&tag=a&tag=b',
      queryStringParameters: { lang: 'zh', tag: 'a,b' },
      pathParameters: { id: 'west-scenic-zone' },
      cookies: ['a=1', 'b=2'],
      body: '{"rating":5}',
      isBase64Encoded: false,
      requestContext: {
        http: {
          method: 'POST',
          path: '/api/venues/west-scenic-zone',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
        },
        routeKey: 'GET /api/venues/{id}',
        stage: '$default',
      },
    });
    // Cookies move out of the headers, as API Gateway does with payload 2.0.
    expect(event.headers.cookie).toBeUndefined();
  });

  it('lower-cases header names and joins repeated headers with commas', () => {
    const event = toApiGatewayEvent(
      request({ headers: { 'X-Forwarded-For': ['198.51.100.1', '203.0.113.9'], Accept: 'text/html' } }),
      route,
    );
    expect(event.headers).toMatchObject({
      'x-forwarded-for': '198.51.100.1,203.0.113.9',
      accept: 'text/html',
    });
  });

  it('leaves out query, path parameters, cookies and body when the request has none', () => {
    const event = toApiGatewayEvent(request({ url: '/api/health' }), {
      routeKey: 'GET /api/health',
      pathParameters: {},
    });
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('body');
    expect(event.rawQueryString).toBe('');
  });

  it('base64-encodes a binary body and passes text bodies as they are', () => {
    const bytes = Buffer.from([0, 255, 16, 32]);
    const binary = toApiGatewayEvent(
      request({ method: 'POST', headers: { 'content-type': 'image/png' }, body: bytes }),
      route,
    );
    expect(binary).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });
    const text = toApiGatewayEvent(
      request({
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: Buffer.from('乌镇'),
      }),
      route,
    );
    expect(text).toMatchObject({ isBase64Encoded: false, body: '乌镇' });
  });

  it('formats requestContext.time as API Gateway does', () => {
    const event = toApiGatewayEvent(request(), route, new Date('2026-03-05T07:08:09.123Z'));
    expect(event.requestContext.time).toBe('05/Mar/2026:07:08:09 +0000');
    expect(event.requestContext.timeEpoch).toBe(Date.parse('2026-03-05T07:08:09.123Z'));
  });
});

describe('fromApiGatewayResult', () => {
  it('maps status, headers, cookies and a base64 body', () => {
    const response = fromApiGatewayResult({
      statusCode: 201,
      headers: { 'Content-Type': 'image/png' },
      cookies: ['a=1; HttpOnly', 'b=2'],
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({ 'content-type': 'image/png', 'set-cookie': ['a=1; HttpOnly', 'b=2'] });
    expect([...response.body]).toEqual([1, 2, 3]);
  });

  it('treats a bare string or object as a 200 JSON answer, as API Gateway does', () => {
    expect(fromApiGatewayResult('"hi"')).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
    });
    const response = fromApiGatewayResult({ message: 'hi' } as never);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'hi' });
  });
});

describe('matchRoute', () => {
  it('matches a path parameter to one decoded segment', () => {
    expect(matchRoute('GET', '/api/venues/tea%20house')).toEqual({
      function: 'venues',
      authorized: false,
      route: { routeKey: 'GET /api/venues/{id}', pathParameters: { id: 'tea house' } },
    });
  });

  it('marks the organizer routes as needing a verified token', () => {
    expect(matchRoute('POST', '/api/admin/checkins')).toMatchObject({
      function: 'organizer',
      authorized: true,
    });
    expect(matchRoute('GET', '/api/admin/registrations.csv')).toMatchObject({ authorized: true });
    expect(matchRoute('POST', '/api/registrations')).toMatchObject({
      function: 'registrations',
      authorized: false,
    });
  });

  it('does not let a parameter span segments or be empty', () => {
    expect(matchRoute('GET', '/api/venues/a/b')).toBeUndefined();
    expect(matchRoute('GET', '/api/venues/')).toBeUndefined();
  });

  it('tells which methods a known path allows', () => {
    expect(matchRoute('DELETE', '/api/health')).toEqual({ allowed: ['GET', 'HEAD'] });
  });
});

describe('withAuthorizerClaims', () => {
  it('flattens Cognito’s groups as API Gateway does, into the form the handlers read', () => {
    const event = toApiGatewayEvent(request(), route);
    withAuthorizerClaims(event, {
      sub: 'someone',
      exp: 1_800_000_000,
      'cognito:groups': ['organizer', 'checkin'],
    });
    expect(event.requestContext).toMatchObject({
      authorizer: {
        jwt: { claims: { sub: 'someone', exp: '1800000000', 'cognito:groups': '[organizer checkin]' } },
      },
    });
    expect(rolesOf(event)).toEqual(['organizer', 'checkin']);
  });
});
