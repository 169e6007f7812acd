import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../functions/http/request-info.ts';
import { apiEvent } from '../support/events.ts';

/** An event from 192.0.2.1 whose CloudFront-Viewer-Address is `viewer`, as if CloudFront had set it. */
function arrivingWith(viewer: string) {
  const event = apiEvent('GET', '/api/venues', { client: '192.0.2.1' });
  event.headers['cloudfront-viewer-address'] = viewer;
  return event;
}

describe('clientAddress', () => {
  it("takes the viewer's IP from CloudFront's address:port, IPv6 unbracketed or bracketed", () => {
    expect(clientAddress(arrivingWith('198.51.100.10:46532'))).toBe('198.51.100.10');
    expect(clientAddress(arrivingWith('2001:db8::1:46532'))).toBe('2001:db8::1');
    expect(clientAddress(arrivingWith('[2001:db8::1]:443'))).toBe('2001:db8::1');
  });

  it('falls back to the source IP for a value that is not an IP address with a port', () => {
    for (const malformed of [
      'anything',
      'attacker-1:443',
      '198.51.100.10',
      '198.51.100.10:',
      '198.51.100.10:65536',
      '198.51.100.10:1:443',
      '999.1.1.1:443',
      '2001:db8::1',
      ':443',
      '',
    ]) {
      expect(clientAddress(arrivingWith(malformed)), malformed).toBe('192.0.2.1');
    }
  });

  it('uses the address the local gateway builds from the connection', () => {
    expect(clientAddress(apiEvent('GET', '/api/venues', { client: '203.0.113.8' }))).toBe('203.0.113.8');
  });
});
