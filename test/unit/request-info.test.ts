import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../functions/http/request-info.ts';
import {
  originVerifyHeader,
  viewerAddressFunctionSource,
  viewerAddressHeader,
} from '../../functions/http/viewer-address.ts';
import { apiEvent } from '../support/events.ts';

const secret = 'k3Vq9ZcT0xW2mYp8LrN4aB6dF1gH5jS7';

/** An event from 192.0.2.1 (a CloudFront edge, or a direct caller) with the given headers. */
function arriving(headers: Record<string, string>) {
  return apiEvent('GET', '/api/venues', { client: '192.0.2.1', headers });
}

const runViewerAddressFunction = new Function(
  `${viewerAddressFunctionSource}\nreturn handler;`,
)() as (event: { viewer: { ip: string }; request: { headers: Record<string, { value: string }> } }) => {
  headers: Record<string, { value: string }>;
};

describe('clientAddress', () => {
  it("takes the viewer's IP that CloudFront's function wrote, on a request carrying the origin secret", () => {
    for (const viewer of ['198.51.100.10', '2001:db8::1']) {
      const event = arriving({ [viewerAddressHeader]: viewer, [originVerifyHeader]: secret });
      expect(clientAddress(event, secret)).toBe(viewer);
    }
  });

  it('takes the connection address when the secret is missing, wrong or not configured', () => {
    const viewer = { [viewerAddressHeader]: '198.51.100.10' };
    expect(clientAddress(arriving(viewer), secret)).toBe('192.0.2.1');
    expect(clientAddress(arriving({ ...viewer, [originVerifyHeader]: `${secret}x` }), secret)).toBe(
      '192.0.2.1',
    );
    expect(clientAddress(arriving({ ...viewer, [originVerifyHeader]: 'short' }), secret)).toBe('192.0.2.1');
    expect(clientAddress(arriving({ ...viewer, [originVerifyHeader]: '' }), '')).toBe('192.0.2.1');
    expect(clientAddress(arriving({ ...viewer, [originVerifyHeader]: secret }), undefined)).toBe('192.0.2.1');
    // CloudFront's own header, which a viewer can send too, decides nothing.
    expect(clientAddress(arriving({ 'cloudfront-viewer-address': '198.51.100.10:443' }), secret)).toBe(
      '192.0.2.1',
    );
  });

  it('takes the connection address when the viewer header is not an IP address', () => {
    for (const malformed of [
      'anything',
      '198.51.100.10:443',
      '999.1.1.1',
      '198.51.100.10, 203.0.113.1',
      '',
    ]) {
      const event = arriving({ [viewerAddressHeader]: malformed, [originVerifyHeader]: secret });
      expect(clientAddress(event, secret), malformed).toBe('192.0.2.1');
    }
  });

  it('uses the address the local gateway takes from the connection', () => {
    expect(clientAddress(apiEvent('GET', '/api/venues', { client: '203.0.113.8' }))).toBe('203.0.113.8');
  });
});

describe("CloudFront's viewer-address function", () => {
  it("writes the viewer's IP over whatever the viewer sent, and drops a viewer's copy of the secret header", () => {
    const request = runViewerAddressFunction({
      viewer: { ip: '203.0.113.5' },
      request: {
        headers: {
          [viewerAddressHeader]: { value: '198.51.100.9' },
          [originVerifyHeader]: { value: 'guess' },
          accept: { value: 'application/json' },
        },
      },
    });
    expect(request.headers).toEqual({
      [viewerAddressHeader]: { value: '203.0.113.5' },
      accept: { value: 'application/json' },
    });
  });
});
