import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The token of an `authorization: Bearer <token>` header. */
export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The IP address of a `CloudFront-Viewer-Address` value: "198.51.100.10:46532", or for IPv6
 * CloudFront's unbracketed "2001:db8::1:46532" (a bracketed "[2001:db8::1]:46532" is read too).
 * Anything else is undefined: the value keys rate limits and idempotency records, so an arbitrary
 * string must never become a client of its own.
 */
function viewerIp(value: string): string | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(value.trim());
  if (!match?.[1] || Number(match[2]) > 65_535) return undefined;
  const ip = match[1].replace(/^\[(.*)\]$/, '$1');
  return isIP(ip) === 0 ? undefined : ip;
}

/**
 * The caller's address: the viewer's, which CloudFront adds as "address:port" (the local gateway
 * does the same from the socket, dropping any header a client sent), else the connection's.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const viewer = event.headers['cloudfront-viewer-address'];
  return (viewer && viewerIp(viewer)) || event.requestContext.http.sourceIp;
}
