import { describe, expect, it } from 'vitest';
import {
  formFields,
  type NewRequestInput,
  newRequestInput,
  phonePattern,
  servesJurisdiction,
  validateNewRequest,
} from '../../functions/domain/resident-affairs/new-request.ts';

const guide = new Set(['convention-center', 'xizha-east-gate']);
const landmarkExists = (id: string) => guide.has(id);

const parse = (body: unknown) => newRequestInput.safeParse(body);
const valid = (body: unknown): NewRequestInput => {
  const parsed = parse(body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};
const failedPaths = (body: unknown) => {
  const parsed = parse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

const blockedCar = {
  service_code: 'blocked-vehicle',
  lat: 30.7523,
  long: 120.4876,
  description: 'A van has blocked my gate since 7 o’clock.\nPlease help.',
  attribute: { blocking: 'gate' },
};

describe('a new request, as GeoReport v2 names its fields', () => {
  it('takes a form-encoded body as clients send it, attributes and multi-value lists included', () => {
    const body =
      'api_key=xyz&jurisdiction_id=wuzhen&service_code=canal-water&lat=30.7461&long=120.4935&address_string=&email=&' +
      'description=Rubbish+floating%0Aand+a+smell&attribute[kind][]=floating&attribute[kind][]=smell&first_name=Wei&last_name=Li&locale=zh';
    const fields = formFields(body);
    expect(fields).toMatchObject({ attribute: { kind: ['floating', 'smell'] }, lat: '30.7461' });
    const outcome = validateNewRequest(valid(fields), landmarkExists);
    expect(outcome).toEqual({
      kind: 'valid',
      draft: {
        serviceCode: 'canal-water',
        description: 'Rubbish floating\nand a smell',
        location: { lat: 30.7461, lon: 120.4935, precision: 'exact' },
        contact: { name: 'LiWei' },
        attributes: { kind: ['floating', 'smell'] },
        locale: 'zh',
      },
    });
  });

  it('takes the same request as JSON, null and blank fields counting as absent', () => {
    const outcome = validateNewRequest(
      valid({
        ...blockedCar,
        email: 'li.wei@example.org',
        phone: '',
        address_string: null,
        jurisdiction_id: null,
      }),
      landmarkExists,
    );
    expect(outcome).toMatchObject({
      kind: 'valid',
      draft: { contact: { email: 'li.wei@example.org' }, locale: 'en', location: { precision: 'exact' } },
    });
  });

  it('takes a guide landmark instead of a point, and keeps the requester’s words for the place', () => {
    const { lat: _lat, long: _long, ...withoutPoint } = blockedCar;
    const outcome = validateNewRequest(
      valid({ ...withoutPoint, address_id: 'xizha-east-gate', address_string: 'by the ticket office' }),
      landmarkExists,
    );
    expect(outcome).toMatchObject({
      kind: 'valid',
      draft: { location: { landmarkVenueId: 'xizha-east-gate' }, addressString: 'by the ticket office' },
    });
    expect(outcome.kind === 'valid' && outcome.draft.contact).toBe(undefined);
  });

  it('refuses fields outside the text policy, unknown fields, a media_url and a bad contact, naming each', () => {
    expect(failedPaths({ ...blockedCar, description: 'Help\u202Enow' })).toEqual(['description']);
    expect(failedPaths({ ...blockedCar, description: '   ' })).toEqual(['description']);
    expect(failedPaths({ ...blockedCar, description: 'x'.repeat(4001) })).toEqual(['description']);
    expect(failedPaths({ ...blockedCar, first_name: 'Li\nWei' })).toEqual(['first_name']);
    expect(failedPaths({ ...blockedCar, media_url: 'http://example.org/photo.jpg' })).toEqual(['media_url']);
    expect(failedPaths({ ...blockedCar, email: 'not-an-address' })).toEqual(['email']);
    expect(failedPaths({ ...blockedCar, phone: 'call me' })).toEqual(['phone']);
    expect(failedPaths({ ...blockedCar, lat: 'north' })).toEqual(['lat']);
    expect(failedPaths({ ...blockedCar, long: 181 })).toEqual(['long']);
    expect(failedPaths({ ...blockedCar, status: 'closed' })).toEqual(['']);
    expect(failedPaths({ ...blockedCar, locale: 'fr' })).toEqual(['locale']);
    expect(
      failedPaths(formFields('service_code=rubbish&service_code=other&description=x&lat=30.75&long=120.49')),
    ).toEqual(['service_code']);
  });

  it('takes exactly the phones its published pattern allows', () => {
    const accepted = (phone: string) => failedPaths({ ...blockedCar, phone }).length === 0;
    for (const phone of [
      '+86 573 8888 1234',
      '(0573) 8888-1234',
      '12345',
      '+1234',
      '1234',
      '+0) 7 ',
      '+ 12345',
      `+${'1'.repeat(20)}`,
      `+${'1'.repeat(21)}`,
      'call me',
    ]) {
      expect(accepted(phone), phone).toBe(phonePattern.test(phone));
    }
    // Spaces around a phone are trimmed, not refused.
    expect(accepted(' 12345 ')).toBe(true);
  });

  it('tells an unknown jurisdiction and an unknown service apart from bad fields', () => {
    expect(
      validateNewRequest(valid({ ...blockedCar, jurisdiction_id: 'sfgov.org' }), landmarkExists),
    ).toEqual({
      kind: 'unknown-jurisdiction',
    });
    expect([undefined, 'wuzhen', 'Wuzhen', 'sfgov.org'].map(servesJurisdiction)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(validateNewRequest(valid({ ...blockedCar, service_code: 'graffiti' }), landmarkExists)).toEqual({
      kind: 'unknown-service',
    });
  });

  it('needs a place in the town: a whole point, or a landmark the guide has, not both', () => {
    const problems = (body: object) => {
      const outcome = validateNewRequest(valid(body), landmarkExists);
      return outcome.kind === 'invalid' ? outcome.errors.map((error) => error.path) : outcome.kind;
    };
    const { lat: _lat, long: _long, ...withoutPoint } = blockedCar;
    expect(problems(withoutPoint)).toEqual(['lat']);
    expect(problems({ ...withoutPoint, address_string: 'near the bridge' })).toEqual(['lat']);
    expect(problems({ ...withoutPoint, lat: 30.75 })).toEqual(['long']);
    expect(problems({ ...blockedCar, lat: 31.23, long: 121.47 })).toEqual(['lat']);
    expect(problems({ ...withoutPoint, address_id: 'nowhere' })).toEqual(['address_id']);
    expect(problems({ ...blockedCar, address_id: 'convention-center' })).toEqual(['address_id']);
  });

  it('checks the answers to the service’s attributes, naming each as attribute[code]', () => {
    const problems = (attribute: Record<string, string | string[]>, service_code = 'blocked-vehicle') => {
      const outcome = validateNewRequest(valid({ ...blockedCar, service_code, attribute }), landmarkExists);
      return outcome.kind === 'invalid' ? outcome.errors : outcome.kind;
    };
    expect(problems({})).toEqual([{ path: 'attribute[blocking]', message: 'is required for this service' }]);
    expect(problems({ blocking: 'moat' })).toEqual([
      { path: 'attribute[blocking]', message: 'not one of: gate, lane, fire-passage' },
    ]);
    expect(problems({ blocking: ['gate', 'lane'] })).toEqual([
      { path: 'attribute[blocking]', message: 'takes one value' },
    ]);
    expect(problems({ blocking: 'gate', colour: 'red' })).toEqual([
      { path: 'attribute[colour]', message: 'blocked-vehicle asks no such question' },
    ]);
    expect(problems({ blocking: 'gate', plate: '浙F·A1234' })).toBe('valid');
    expect(problems({ blocking: 'gate', plate: '浙F\u202EA1234' })).toEqual([
      { path: 'attribute[plate]', message: 'contains a bidirectional override or isolate character' },
    ]);
    expect(problems({ blocking: 'gate', plate: 'A1\nB2' })).toMatchObject([{ path: 'attribute[plate]' }]);
    expect(problems({ kind: ['drain', 'flooding'] }, 'canal-water')).toBe('valid');
    expect(problems({ kind: ['drain', 'sharks'] }, 'canal-water')).toMatchObject([
      { path: 'attribute[kind]' },
    ]);
    expect(problems({}, 'health-concern')).toBe('valid');
  });
});
