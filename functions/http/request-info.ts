import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { originVerifyHeader, originVerifyVariable, viewerAddressHeader } from './viewer-address.ts';

/** The token of an `authorization: Bearer <token>` header. */
export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  return match?.[1];
}

function cameThroughCloudFront(event: APIGatewayProxyEventV2, secret: string | undefined): boolean {
  const sent = event.headers[originVerifyHeader];
  if (!secret || !sent) return false;
  const [a, b] = [Buffer.from(sent), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The caller's address, which keys rate limits and idempotency records. Through CloudFront it is
 * the viewer's IP that CloudFront's function wrote; otherwise the connection's, which a caller
 * cannot choose (locally the socket's; at the execute-api address the caller's own). A header a
 * caller sent never decides it, so a client cannot be anyone but itself.
 */
export function clientAddress(
  event: APIGatewayProxyEventV2,
  secret: string | undefined = process.env[originVerifyVariable],
): string {
  const viewer = event.headers[viewerAddressHeader];
  if (viewer && isIP(viewer) !== 0 && cameThroughCloudFront(event, secret)) return viewer;
  return event.requestContext.http.sourceIp;
}
