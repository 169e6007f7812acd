import { describe, expect, it } from 'vitest';
import type { RecordedAnswer } from '../../local/answer-recorder.ts';
import { checkLogLines } from '../support/portal-logs.ts';

const problemJson = { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': 'req-1' };

const created: RecordedAnswer = {
  routeKey: 'POST /api/registrations',
  method: 'POST',
  path: '/api/registrations',
  status: 201,
  headers: { 'content-type': 'application/json', 'x-request-id': 'req-2' },
  body: JSON.stringify({ id: 'x', manageToken: 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4' }),
  sent: ['Loggy Person', 'loggy@example.org', 'a'],
};
const notFound: RecordedAnswer = {
  byGateway: true,
  routeKey: null,
  method: 'GET',
  path: '/api/nowhere',
  status: 404,
  headers: problemJson,
  body: JSON.stringify({ status: 404, requestId: 'req-1' }),
};

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 'INFO', message: 'request', ...fields });
const requestLine = line({ requestId: 'req-2', routeKey: 'POST /api/registrations', status: 201 });

describe('checking the portals’ log lines', () => {
  it('passes JSON lines that match their answers and hold nothing personal, and counts them', () => {
    const check = checkLogLines(
      [requestLine, line({ message: 'message sent', requestId: 'req-2' }), line({ message: 'started' })],
      [created, notFound],
    );
    expect(check).toEqual({ lines: 3, requestLines: 1, personalValues: 3, failures: [] });
  });

  it('fails a line that is not JSON, names no answered request, or disagrees with its answer', () => {
    const { failures } = checkLogLines(
      [
        'Wuzhen portal: http://127.0.0.1:1/',
        line({ requestId: 'req-9' }),
        line({ requestId: 'req-2', routeKey: 'POST /api/registrations', status: 500 }),
        line({ routeKey: 'GET /api/health', status: 200 }),
      ],
      [created],
    );
    expect(failures).toEqual([
      expect.stringContaining('not JSON'),
      expect.stringContaining('no answer has the request id'),
      expect.stringContaining('does not match its answer'),
      expect.stringContaining('without its request id'),
    ]);
  });

  it('fails a line holding a value the suite sent, a manage token given out, or a JWT', () => {
    const { failures } = checkLogLines(
      [
        line({ note: 'mail to loggy@example.org' }),
        line({ note: 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4' }),
        line({ note: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }),
        line({ note: 'a short value sent is no evidence: a' }),
        requestLine,
      ],
      [created],
    );
    expect(failures).toEqual([
      expect.stringContaining('a personal value'),
      expect.stringContaining('a personal value'),
      expect.stringContaining('a JWT'),
    ]);
  });

  it('fails an answer without its request id, a problem whose body lacks it, and a function’s answer without its line', () => {
    const { failures } = checkLogLines(
      [],
      [
        { ...created, headers: { 'content-type': 'application/json' } },
        { ...notFound, body: JSON.stringify({ status: 404 }) },
        created,
      ],
    );
    expect(failures).toEqual([
      expect.stringContaining('has no x-request-id'),
      expect.stringContaining('lacks its request id'),
      expect.stringContaining('no line for the request req-2'),
    ]);
  });
});
