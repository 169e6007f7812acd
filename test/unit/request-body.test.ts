import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { newRequestBody, newRequestForm } from '../../functions/contract/open311.ts';
import { parseJsonBody, readMediaBody } from '../../functions/http/request-body.ts';
import { toApiGatewayEvent } from '../../local/gateway-event.ts';

/** An event as the local gateway (and API Gateway) makes it: text types as text, others base64. */
function event(contentType: string, body: Buffer | string) {
  return toApiGatewayEvent(
    {
      method: 'POST',
      url: '/api/x',
      headers: { host: '127.0.0.1', 'content-type': contentType },
      body: Buffer.from(body),
      sourceIp: '127.0.0.1',
      httpVersion: '1.1',
    },
    { routeKey: 'POST /api/x', pathParameters: {} },
  );
}

const problemOf = (parsed: ReturnType<typeof parseJsonBody>) => {
  if (parsed.ok) throw new Error('parsed');
  return { status: parsed.result.statusCode, ...(JSON.parse(parsed.result.body ?? '{}') as object) };
};

const plain = z.strictObject({ name: z.string() });
const jpegStart = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x00, 0x80, 0xff]);

describe('JSON and form bodies', () => {
  it('reads JSON as before, and refuses a form where the route takes none', () => {
    expect(parseJsonBody(event('application/json', '{"name":"a"}'), plain, 100)).toMatchObject({
      ok: true,
      value: { name: 'a' },
      raw: '{"name":"a"}',
    });
    expect(
      problemOf(parseJsonBody(event('application/x-www-form-urlencoded', 'name=a'), plain, 100)),
    ).toMatchObject({
      status: 415,
      detail: 'Send the body as application/json.',
    });
  });

  it('reads a form into the JSON shape where the route declares a reader, and checks it with the same schema', () => {
    const form = [
      'service_code=rubbish',
      'lat=30.745',
      'long=120.487',
      'description=Bags+by+the+bridge%2C+%E6%A1%A5%E8%BE%B9',
      'attribute%5Bkind%5D=household',
      'media_ids%5B%5D=0123456789abcdef0123456789abcdef',
      'media_ids%5B%5D=fedcba9876543210fedcba9876543210',
      'altcha=solution',
      'website=',
    ].join('&');
    const parsed = parseJsonBody(
      event('application/x-www-form-urlencoded; charset=utf-8', form),
      newRequestBody,
      16_384,
      newRequestForm,
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        service_code: 'rubbish',
        lat: 30.745,
        long: 120.487,
        description: 'Bags by the bridge, 桥边',
        attribute: { kind: 'household' },
        media_ids: ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'],
      },
      raw: form,
    });
    const json = parseJsonBody(
      event('application/json', JSON.stringify({ service_code: 'rubbish', description: 'x', altcha: 's' })),
      newRequestBody,
      16_384,
      newRequestForm,
    );
    expect(json).toMatchObject({ ok: true, value: { service_code: 'rubbish' } });
    // JSON sends the list itself: a string there is the wrong type, named as the field.
    const commaInJson = parseJsonBody(
      event(
        'application/json',
        JSON.stringify({ service_code: 'rubbish', description: 'x', altcha: 's', media_ids: 'a' }),
      ),
      newRequestBody,
      16_384,
      newRequestForm,
    );
    expect(problemOf(commaInJson)).toMatchObject({ status: 400, errors: [{ path: 'media_ids' }] });
  });

  it('takes media_ids in a form comma separated too, and names media_ids when there are more than three', () => {
    const ids = ['a', 'b', 'c', 'd'].map((digit) => digit.repeat(32));
    const comma = `service_code=rubbish&description=x&altcha=s&media_ids=${ids.slice(0, 2).join(',')}`;
    expect(
      parseJsonBody(
        event('application/x-www-form-urlencoded', comma),
        newRequestBody,
        16_384,
        newRequestForm,
      ),
    ).toMatchObject({ ok: true, value: { media_ids: ids.slice(0, 2) } });
    const four = `service_code=rubbish&description=x&altcha=s&${ids.map((id) => `media_ids[]=${id}`).join('&')}`;
    expect(
      problemOf(
        parseJsonBody(
          event('application/x-www-form-urlencoded', four),
          newRequestBody,
          16_384,
          newRequestForm,
        ),
      ),
    ).toMatchObject({
      status: 400,
      errors: [{ path: 'media_ids', message: expect.stringContaining('too-many-photos') }],
    });
  });

  it('refuses a form over the limit (413), not UTF-8 or sent as another type (415), naming what is wrong', () => {
    const read = (contentType: string, body: Buffer | string) =>
      problemOf(parseJsonBody(event(contentType, body), newRequestBody, 64, newRequestForm));
    expect(read('application/x-www-form-urlencoded', `description=${'x'.repeat(80)}`)).toMatchObject({
      status: 413,
    });
    expect(read('application/x-www-form-urlencoded', Buffer.from([0x61, 0x3d, 0xff]))).toMatchObject({
      status: 400,
      detail: 'The body is not valid UTF-8.',
    });
    expect(read('text/plain', 'description=x')).toMatchObject({
      status: 415,
      detail: 'Send the body as application/json or application/x-www-form-urlencoded.',
    });
  });
});

describe('raw media bodies', () => {
  const types = ['image/jpeg', 'image/png'];

  it('hands the route the bytes API Gateway sent base64, with their declared type', () => {
    const sent = event('image/jpeg', jpegStart);
    expect(sent.isBase64Encoded).toBe(true);
    const read = readMediaBody(sent, types, 100);
    expect(read).toEqual({
      ok: true,
      value: { type: 'image/jpeg', bytes: new Uint8Array(jpegStart) },
      raw: '',
    });
  });

  it('refuses another type (415) and more than the limit (413), and gives an empty body as empty', () => {
    const refused = (contentType: string, body: Buffer) => {
      const read = readMediaBody(event(contentType, body), types, 8);
      if (read.ok) throw new Error('read');
      return read.result.statusCode;
    };
    expect(refused('application/octet-stream', jpegStart.subarray(0, 4))).toBe(415);
    expect(refused('image/gif', jpegStart.subarray(0, 4))).toBe(415);
    expect(refused('image/jpeg', jpegStart)).toBe(413);
    expect(readMediaBody(event('image/png', Buffer.alloc(0)), types, 8)).toMatchObject({
      ok: true,
      value: { type: 'image/png', bytes: new Uint8Array(0) },
    });
  });
});
