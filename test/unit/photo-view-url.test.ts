import { describe, expect, it } from 'vitest';
import { signedPhotoViewUrl, verifiedPhotoViewKey } from '../../functions/domain/photos/photo-view-url.ts';

const secret = 'a6c1f0d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
const key = 'requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5N/1';
const expires = Date.UTC(2027, 2, 1, 2, 10) / 1000;
const before = new Date((expires - 1) * 1000);

function queryOf(url: string) {
  const params = new URL(url, 'http://127.0.0.1').searchParams;
  return {
    key: params.get('key') ?? '',
    expires: params.get('expires') ?? '',
    signature: params.get('signature') ?? '',
  };
}

describe('the signed photo view URL', () => {
  const url = signedPhotoViewUrl(secret, '/api/photos/view', key, expires);

  it('is the API path with the key, the expiry and an HMAC that verifies until the expiry', () => {
    expect(url).toMatch(
      /^\/api\/photos\/view\?key=requests%2F01JY5W6Q7Z8X9V0T1S2R3Q4P5N%2F1&expires=\d+&signature=[\w-]{43}$/,
    );
    expect(verifiedPhotoViewKey(secret, queryOf(url), before)).toBe(key);
  });

  it('shows nothing from its expiry on', () => {
    expect(verifiedPhotoViewKey(secret, queryOf(url), new Date(expires * 1000))).toBeUndefined();
    expect(verifiedPhotoViewKey(secret, queryOf(url), new Date(expires * 1000 + 3_600_000))).toBeUndefined();
  });

  it('shows nothing when the key, the expiry or the signature was changed, or another secret signed it', () => {
    const query = queryOf(url);
    const refused = [
      { ...query, key: 'requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5N/2' },
      { ...query, expires: String(expires + 3600) },
      { ...query, signature: `${query.signature.slice(0, -1)}${query.signature.endsWith('A') ? 'B' : 'A'}` },
      { ...query, signature: query.signature.slice(0, 20) },
      { ...query, signature: '' },
    ];
    for (const changed of refused)
      expect(verifiedPhotoViewKey(secret, changed, before), JSON.stringify(changed)).toBeUndefined();
    expect(verifiedPhotoViewKey(`${secret}0`, query, before)).toBeUndefined();
  });

  it('takes the expiry only as the digits that were signed, so no other spelling of the same instant passes', () => {
    const query = queryOf(url);
    expect(query.expires).toBe(String(expires));
    for (const spelling of [`+${expires}`, `${expires}.0`, `0${expires}`, ` ${expires}`, '1e12', '']) {
      expect(verifiedPhotoViewKey(secret, { ...query, expires: spelling }, before), spelling).toBeUndefined();
    }
  });
});
