import { describe, expect, it } from 'vitest';
import type { RecordedAnswer } from '../../local/answer-recorder.ts';
import { checkAnswers } from '../support/answer-contract.ts';

const json = { 'content-type': 'application/json; charset=utf-8' };
const problemJson = { 'content-type': 'application/problem+json; charset=utf-8' };

const health: RecordedAnswer = {
  routeKey: 'GET /api/health',
  method: 'GET',
  path: '/api/health',
  status: 200,
  headers: json,
  body: JSON.stringify({ status: 'ok', checks: { dynamodb: 'ok' } }),
};

const review = {
  id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
  venueId: 'tongan-inn',
  rating: 4,
  comment: 'Quiet.',
  author: 'Li Wei',
  createdAt: '2027-11-17T09:30:00.000Z',
};
const posted: RecordedAnswer = {
  routeKey: 'POST /api/venues/{id}/reviews',
  method: 'POST',
  path: '/api/venues/tongan-inn/reviews',
  status: 201,
  headers: { ...json, 'cache-control': 'no-store' },
  body: JSON.stringify(review),
};

const problem = (type: string, status: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: `tag:wuzhen-portal,2026:problems/${type}`,
    title: 'T',
    status,
    detail: 'D',
    requestId: 'R',
    ...extra,
  });

const noRoute: RecordedAnswer = {
  routeKey: null,
  method: 'GET',
  path: '/api/nothing-here',
  status: 404,
  headers: problemJson,
  body: problem('not-found', 404),
};

const failureOf = (answer: RecordedAnswer) => checkAnswers([answer]).failures;

describe('checking recorded answers against the contract', () => {
  it('passes answers the contract declares, and counts them by route', () => {
    const throttled: RecordedAnswer = {
      ...posted,
      status: 503,
      headers: { ...problemJson, 'retry-after': '1' },
      body: problem('service-unavailable', 503),
    };
    const wrongMethod: RecordedAnswer = {
      ...noRoute,
      method: 'DELETE',
      path: '/api/health',
      status: 405,
      headers: { ...problemJson, allow: 'GET' },
      body: problem('method-not-allowed', 405),
    };
    const ticket: RecordedAnswer = {
      routeKey: 'GET /api/registrations/{id}/ticket.svg',
      method: 'GET',
      path: '/api/registrations/01JD3Z6Q8N4X2V7B5C9K1M0PRS/ticket.svg',
      status: 200,
      headers: { 'content-type': 'image/svg+xml' },
    };
    const check = checkAnswers([health, posted, throttled, noRoute, wrongMethod, ticket]);
    expect(check.failures).toEqual([]);
    expect(check.byRoute).toEqual({
      'GET /api/health': 1,
      'POST /api/venues/{id}/reviews': 2,
      '(no route)': 2,
      'GET /api/registrations/{id}/ticket.svg': 1,
    });
  });

  it('fails a field the schema does not declare, naming route, status and the field', () => {
    expect(failureOf({ ...posted, body: JSON.stringify({ ...review, email: 'leak@example.org' }) })).toEqual([
      'POST /api/venues/{id}/reviews (POST /api/venues/tongan-inn/reviews) answered 201: body (root) must NOT have additional properties {"additionalProperty":"email"}',
    ]);
  });

  it('fails a field of the wrong type or a missing one', () => {
    expect(failureOf({ ...posted, body: JSON.stringify({ ...review, rating: '4' }) })[0]).toContain(
      'answered 201: body /rating must be integer',
    );
    const { author: _, ...anonymous } = review;
    expect(failureOf({ ...posted, body: JSON.stringify(anonymous) })[0]).toContain(
      "must have required property 'author'",
    );
  });

  it('fails a status the route does not declare', () => {
    expect(failureOf({ ...health, status: 418 })).toEqual([
      'GET /api/health (GET /api/health) answered 418: status 418 is not declared',
    ]);
  });

  it('fails a content type not declared for the status', () => {
    expect(failureOf({ ...health, headers: { 'content-type': 'text/html' } })[0]).toContain(
      'answered 200: content type "text/html" is not declared (declared: application/json)',
    );
  });

  it('fails a problem of a kind the status does not declare, or whose status is not the answer’s', () => {
    expect(failureOf({ ...noRoute, body: problem('conflict', 404) })[0]).toContain(
      'answered 404: body /type must be equal to one of the allowed values',
    );
    expect(failureOf({ ...noRoute, body: problem('not-found', 400) })[0]).toContain(
      "the problem's status 400 is not the answer's",
    );
  });

  it('fails a declared header that is missing or malformed', () => {
    const busy = { ...health, status: 503, headers: problemJson, body: problem('service-unavailable', 503) };
    expect(failureOf(busy)[0]).toContain('answered 503: header retry-after');
    expect(failureOf({ ...busy, headers: { ...problemJson, 'retry-after': 'soon' } })[0]).toContain(
      'header retry-after',
    );
  });

  it('fails a body that is not JSON', () => {
    expect(failureOf({ ...health, body: '<html>' })[0]).toContain('the application/json body is not JSON');
  });
});
