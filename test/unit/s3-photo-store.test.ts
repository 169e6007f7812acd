import { createHash, createHmac } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createS3PhotoStore } from '../../functions/store/s3/photo-store.ts';

/** AWS's documented example credentials: the URL is signed and checked here, never sent. */
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const region = 'ap-east-1';
const signedAt = new Date('2027-03-01T02:15:30Z');
const key = 'requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5N/1';

const options = { bucket: 'wuzhen-photos', prefix: 'photos/', now: () => signedAt };
/** As in AWS: presigning needs no network, so the client has S3's own endpoint. */
const store = createS3PhotoStore({ ...options, client: new S3Client({ region, credentials }) });
/** Nothing listens on port 9: a call that reached the network would fail, not pass. */
const unreachable = createS3PhotoStore({
  ...options,
  client: new S3Client({
    region,
    credentials,
    endpoint: 'http://127.0.0.1:9',
    forcePathStyle: true,
    maxAttempts: 1,
  }),
});

const hmac = (signingKey: string | Buffer, text: string) =>
  createHmac('sha256', signingKey).update(text).digest();

/** The signature SigV4's query-string rules give for this URL (the S3 documentation's algorithm, written afresh). */
function expectedSignature(url: URL): string {
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => !pair.startsWith('X-Amz-Signature='))
    .sort()
    .join('&');
  const canonicalRequest = [
    'GET',
    url.pathname,
    query,
    `host:${url.host}`,
    '',
    'host',
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `20270301/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    '20270301T021530Z',
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let signingKey = hmac(`AWS4${credentials.secretAccessKey}`, '20270301');
  for (const part of [region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
  return hmac(signingKey, stringToSign).toString('hex');
}

describe('the S3 photo store', () => {
  it('shows a photo through a GET presigned at its clock for the seconds asked, on the key under its prefix', async () => {
    const url = new URL(await store.viewUrl(key, 300));

    expect(url.host).toBe(`wuzhen-photos.s3.${region}.amazonaws.com`);
    expect(url.pathname).toBe(`/photos/${key}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `AKIAIOSFODNN7EXAMPLE/20270301/${region}/s3/aws4_request`,
      'X-Amz-Date': '20270301T021530Z',
      'X-Amz-Expires': '300',
      'X-Amz-SignedHeaders': 'host',
    });
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url));
  });

  it('signs another URL for another key or duration', async () => {
    const first = await store.viewUrl(key, 300);
    expect(await store.viewUrl('requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5N/2', 300)).not.toBe(first);
    expect(await store.viewUrl(key, 600)).not.toBe(first);
    expect(await store.viewUrl(key, 300)).toBe(first);
  });

  it('refuses keys that could leave its prefix and durations S3 cannot sign, before any call to S3', async () => {
    const photo = { type: 'image/jpeg' as const, width: 1, height: 1, bytes: new Uint8Array([0xff, 0xd8]) };
    for (const bad of ['../other-prefix/x', '/photos/x', 'requests/../../x', '']) {
      await expect(unreachable.put(bad, photo), bad).rejects.toThrow(/is not a photo key/);
      await expect(unreachable.get(bad), bad).rejects.toThrow(/is not a photo key/);
      await expect(unreachable.remove([key, bad]), bad).rejects.toThrow(/is not a photo key/);
      await expect(unreachable.viewUrl(bad, 60), bad).rejects.toThrow(/is not a photo key/);
    }
    await expect(unreachable.viewUrl(key, 7 * 24 * 3600 + 1)).rejects.toThrow(/whole seconds/);
    await expect(unreachable.viewUrl(key, 1.5)).rejects.toThrow(/whole seconds/);
  });
});
