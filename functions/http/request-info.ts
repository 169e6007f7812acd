import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The token of an `authorization: Bearer <token>` header. */
export function bearerToken(event: APIGatewayProxyEventV2): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  return match?.[1];
}

/** The caller's address; behind CloudFront the viewer's, which CloudFront adds as "address:port". */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const viewer = event.headers['cloudfront-viewer-address'];
  return viewer ? viewer.slice(0, viewer.lastIndexOf(':')) : event.requestContext.http.sourceIp;
}
