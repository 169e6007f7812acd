import { describe, expect, it, vi } from 'vitest';
import { inRequest } from '../../functions/telemetry/correlation.ts';
import { logger } from '../../functions/telemetry/telemetry.ts';

/** The lines the logger writes while `work` runs, parsed. */
function linesOf(work: () => void): Array<Record<string, unknown>> {
  const written: string[] = [];
  const record = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  // Errors and warnings go to stderr, the rest to stdout, as Lambda's runtime expects.
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation(record),
  );
  try {
    work();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const person = {
  name: 'Redacta Person',
  email: 'redacta.person@example.org',
  organization: 'Redacta Holdings',
  phone: '+86 571 8888 0000',
};
const manageToken = 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4';
const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcmdhbml6ZXIifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const altcha = Buffer.from(
  JSON.stringify({ algorithm: 'SHA-256', challenge: 'abc', number: 42, salt: 's', signature: 'x' }),
).toString('base64');
const secrets = [...Object.values(person), manageToken, jwt, altcha];

describe('the redaction guard at the logger', () => {
  it('keeps personal data out of a line, by key and by shape, wherever a caller puts it', () => {
    const lines = linesOf(() => {
      logger.info(`sent to ${person.email} with ${manageToken}`, {
        ...person,
        registration: { attendees: [person], altcha },
        headers: { authorization: `Bearer ${jwt}` },
        note: `call ${person.phone} or write to ${person.email}; token ${jwt}; solution ${altcha}`,
        extra: { manage: `https://portal.example.org/manage/#${manageToken}` },
      });
      logger.error('failed', new Error(`no mailbox ${person.email} for token ${manageToken}`));
    });
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    expect(lines[0]).toMatchObject({ level: 'INFO', name: '[redacted]', email: '[redacted]' });
  });

  it('keeps identifiers, outcomes and the shape of errors', () => {
    const [line] = linesOf(() =>
      inRequest('c0a8012e-7f3b-4b5e-9d6a-1e2f3a4b5c6d', () =>
        logger.error('unhandled error', {
          registrationId: '01J9Z8Y7X6W5V4T3S2R1Q0P9N8',
          status: 500,
          error: new TypeError('x is not a function'),
        }),
      ),
    );
    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'unhandled error',
      requestId: 'c0a8012e-7f3b-4b5e-9d6a-1e2f3a4b5c6d',
      registrationId: '01J9Z8Y7X6W5V4T3S2R1Q0P9N8',
      status: 500,
      error: { name: 'TypeError', message: 'x is not a function' },
    });
    expect((line?.error as { stack?: string } | undefined)?.stack).toContain('log-redaction.test.ts');
  });
});
