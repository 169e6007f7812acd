/**
 * The CloudFront Function (viewer request, cloudfront-js-2.0) that gives the private S3 origin the
 * directory indexes Astro's pages rely on: `/program/` and `/program` are `/program/index.html`.
 * A request whose last segment has a dot names a file (/schedule.json, /program/x.ics) and passes
 * untouched. Kept as source text so the unit test runs exactly what CloudFront runs.
 */
export const directoryIndexSource = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = uri + '/index.html';
  }
  return request;
}`;
