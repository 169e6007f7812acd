/**
 * The headers CloudFront adds to every /api/* request on its way to the API
 * (infra/constructs/site.ts): the viewer's IP, written by a viewer-request function over whatever
 * the viewer sent, and a secret that proves the request came through CloudFront, which overwrites
 * any copy a viewer sent. The API itself can also be called at its own execute-api address, where
 * anyone may send both headers; the secret tells those calls apart.
 */
export const viewerAddressHeader = 'x-portal-viewer-address';
export const originVerifyHeader = 'x-portal-origin-verify';
/** The variable that carries the secret into each function; unset locally, where no CloudFront stands in front. */
export const originVerifyVariable = 'ORIGIN_VERIFY_SECRET';

/**
 * The CloudFront Function (viewer request, cloudfront-js-2.0) that writes the viewer's IP into
 * `viewerAddressHeader`, replacing any value the viewer sent, and drops a viewer's copy of the
 * secret's header (the origin's custom header would overwrite it anyway). Kept as source text so
 * the unit test runs exactly what CloudFront runs.
 */
export const viewerAddressFunctionSource = `function handler(event) {
  var request = event.request;
  delete request.headers['${originVerifyHeader}'];
  request.headers['${viewerAddressHeader}'] = { value: event.viewer.ip };
  return request;
}`;
