import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { originVerifyHeader, viewerAddressFunctionSource } from '../../functions/http/viewer-address.ts';
import { directoryIndexSource } from '../../infra/constructs/directory-index.ts';
import { Site, type SiteProps } from '../../infra/constructs/site.ts';
import { siteCacheControl } from '../../site/cache-control.ts';
import { securityHeaders } from '../../site/security-headers.ts';

const fixtureSite = join(import.meta.dirname, '../fixtures/site');
const apiDomainName = 'abc123.execute-api.ap-east-1.amazonaws.com';
const hostedUiDomain = 'wuzhen-portal.auth.ap-east-1.amazoncognito.com';
const originSecret = '{{resolve:secretsmanager:origin-secret}}';

/** A bare stack holding only the Site, checked by cdk-nag: any unacknowledged finding throws. */
function synthesize(props: Partial<SiteProps> = {}, env?: { account: string; region: string }) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'SiteTest', { env });
  const site = new Site(stack, 'Site', { apiDomainName, originSecret, siteAssetPath: fixtureSite, ...props });
  return { app, stack, site, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

/** The headers a response headers policy makes CloudFront send, written as the plain map writes them. */
function headersOf(template: Template, policyId: string): Record<string, string> {
  const policy = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[policyId];
  const config = policy?.Properties.ResponseHeadersPolicyConfig;
  const security = config.SecurityHeadersConfig;
  const hsts = security.StrictTransportSecurity;
  const headers: Record<string, string> = {
    'Strict-Transport-Security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`,
    'Content-Security-Policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
    'X-Content-Type-Options': security.ContentTypeOptions ? 'nosniff' : '',
    'Referrer-Policy': security.ReferrerPolicy.ReferrerPolicy,
    'X-Frame-Options': security.FrameOptions.FrameOption,
  };
  for (const { Header, Value } of config.CustomHeadersConfig.Items) headers[Header] = Value;
  return headers;
}

/** The logical ID of the response headers policy a behaviour uses: the default one without a path. */
function policyOf(template: Template, pathPattern?: string): string {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  const config = distribution?.Properties.DistributionConfig;
  const behavior = pathPattern
    ? config.CacheBehaviors.find((each: { PathPattern: string }) => each.PathPattern === pathPattern)
    : config.DefaultCacheBehavior;
  return behavior.ResponseHeadersPolicyId.Ref;
}

interface ViewerRequest {
  uri: string;
  headers?: Record<string, { value: string }>;
}

const runDirectoryIndex = new Function(`${directoryIndexSource}\nreturn handler;`)() as (event: {
  request: ViewerRequest;
}) => ViewerRequest;

describe('the CloudFront directory-index function', () => {
  it.each([
    ['/', '/index.html'],
    ['/program/', '/program/index.html'],
    ['/program', '/program/index.html'],
    ['/zh/speakers/ada', '/zh/speakers/ada/index.html'],
    ['/v/a.b/', '/v/a.b/index.html'],
    ['/schedule.json', '/schedule.json'],
    ['/program/opening.ics', '/program/opening.ics'],
    ['/_astro/guide.B2A6.js', '/_astro/guide.B2A6.js'],
    ['/v/tongan-inn/qr.svg', '/v/tongan-inn/qr.svg'],
  ])('maps %s to %s', (uri, expected) => {
    expect(runDirectoryIndex({ request: { uri } }).uri).toBe(expected);
  });

  it('passes a conditional request on with its headers untouched, and never answers in S3’s place', () => {
    const conditions = {
      'if-none-match': { value: '"9c3e0f"' },
      'if-modified-since': { value: 'Tue, 01 Dec 2026 12:00:00 GMT' },
    };
    for (const uri of ['/zh/program/', '/zh/schedule.ics']) {
      const request = runDirectoryIndex({ request: { uri, headers: structuredClone(conditions) } });
      // A request (uri and headers), not a response (statusCode): CloudFront goes on to its cache and S3.
      expect(Object.keys(request).sort()).toEqual(['headers', 'uri']);
      expect(request.headers).toEqual(conditions);
    }
  });
});

describe('the Site construct', () => {
  const { app, stack, site, template } = synthesize();
  const bucketId = logicalId(stack, site.bucket);
  const distributionId = logicalId(stack, site.distribution);

  it('keeps the bucket private: every public access block on, TLS only, encrypted', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
  });

  it('lets only this distribution read the bucket, through CloudFront', () => {
    const [policy] = Object.values(
      template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }),
    );
    const statements = policy?.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>;
    const allowed = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allowed.length).toBeGreaterThan(0);
    for (const statement of allowed) {
      expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(statement.Condition).toEqual({
        StringEquals: {
          'AWS:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':cloudfront::',
                { Ref: 'AWS::AccountId' },
                ':distribution/',
                { Ref: distributionId },
              ],
            ],
          },
        },
      });
    }
    // The only other statement refuses plain HTTP (enforceSSL).
    expect(statements.filter((statement) => statement.Effect !== 'Allow')).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });

  it('reaches the bucket with origin access control, and maps directories to index.html on viewer request', () => {
    const [oacId] = Object.keys(
      template.findResources('AWS::CloudFront::OriginAccessControl', {
        Properties: {
          OriginAccessControlConfig: Match.objectLike({
            OriginAccessControlOriginType: 's3',
            SigningBehavior: 'always',
          }),
        },
      }),
    );
    const [functionId] = Object.keys(
      template.findResources('AWS::CloudFront::Function', {
        Properties: {
          FunctionCode: directoryIndexSource,
          FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
        },
      }),
    );
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
            OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
          }),
        ]),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          // Compressed as the local server compresses the site (brotli and gzip in the cache key).
          Compress: true,
          CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
          FunctionAssociations: [
            { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
          ],
        }),
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [
          Match.objectLike({ ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html' }),
        ],
        HttpVersion: 'http2and3',
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends exactly the headers the local server sends, with the Cache-Control it sends for each file', () => {
    for (const [path, behavior] of [
      ['/sw.js', undefined],
      ['/program/', undefined],
      ['/schedule.ics', undefined],
      ['/pagefind/pagefind-entry.json', undefined],
      ['/_astro/program.Bx1.js', '/_astro/*'],
    ] as const) {
      expect(headersOf(template, policyOf(template, behavior)), path).toEqual({
        ...securityHeaders(),
        'Cache-Control': siteCacheControl(path),
      });
    }
    expect(siteCacheControl('/sw.js')).toBe('no-cache');
    expect(siteCacheControl('/_astro/program.Bx1.js')).toBe('public, max-age=31536000, immutable');
    // The API sets its own (no-store where an answer holds personal data): its policy adds none.
    expect(headersOf(template, policyOf(template, '/api/*'))).toEqual(securityHeaders());
  });

  it('serves the hashed scripts and stylesheets from the bucket as the rest of the site, without the directory-index function', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig;
    const assets = config.CacheBehaviors.find(
      ({ PathPattern }: { PathPattern: string }) => PathPattern === '/_astro/*',
    );
    expect(assets).toMatchObject({
      TargetOriginId: config.DefaultCacheBehavior.TargetOriginId,
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    });
    expect(assets.FunctionAssociations).toBeUndefined();
  });

  it("forwards /api/* to the HTTP API uncached, with everything but Host, the viewer's address and the origin secret", () => {
    const [viewerAddressId] = Object.keys(
      template.findResources('AWS::CloudFront::Function', {
        Properties: { FunctionCode: viewerAddressFunctionSource },
      }),
    );
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: apiDomainName,
            CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
            OriginCustomHeaders: [{ HeaderName: originVerifyHeader, HeaderValue: originSecret }],
          }),
        ]),
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
            OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
            ViewerProtocolPolicy: 'https-only',
            FunctionAssociations: [
              {
                EventType: 'viewer-request',
                FunctionARN: { 'Fn::GetAtt': [viewerAddressId, 'FunctionARN'] },
              },
            ],
          }),
        ]),
      }),
    });
  });

  it('deploys the built site and invalidates every path', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      SourceObjectKeys: [Match.anyValue()],
    });
    expect(site.url).toContain('https://');
  });

  it('keeps the ETag and Last-Modified S3 sends, so pages and exports answer 304 through CloudFront', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const siteBehavior = distribution?.Properties.DistributionConfig.DefaultCacheBehavior;
    // CloudFront answers If-None-Match and If-Modified-Since from its cache (304 when S3's ETag or
    // Last-Modified matches) and revalidates with S3, except for a behaviour that forwards cookies:
    // the managed CachingOptimized policy forwards none, and no origin request policy or legacy
    // forwarding adds any.
    expect(siteBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    expect(siteBehavior.OriginRequestPolicyId).toBeUndefined();
    expect(siteBehavior.ForwardedValues).toBeUndefined();
    // Nothing answers in S3's place: no Lambda@Edge, only the directory-index function on viewer
    // request (which passes the conditional headers on, tested above).
    expect(siteBehavior.LambdaFunctionAssociations).toBeUndefined();
    expect(
      siteBehavior.FunctionAssociations.map(({ EventType }: { EventType: string }) => EventType),
    ).toEqual(['viewer-request']);
    // The security headers policy adds headers and removes none: ETag and Last-Modified reach the viewer.
    for (const policy of Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))) {
      expect(policy.Properties.ResponseHeadersPolicyConfig.RemoveHeadersConfig).toBeUndefined();
    }
  });

  it('leaves no cdk-nag finding unacknowledged, and names each acknowledged finding with a reason', () => {
    expect(new AwsSolutionsChecks(app).validateScope(app).violations).toEqual([]);
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      // CDK acknowledges some CloudFormation validation warnings of its own; the nag ones are ours.
      .flatMap(([id, reason]) => (id.startsWith('Annotation::') ? [[id.slice(12), reason] as const] : []));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reason.length).toBeGreaterThan(30);
    }
    expect(acknowledged.map(([id]) => id)).toContain('AwsSolutions-CFR4');
  });
});

describe('the Site construct on a custom domain with organizer sign-in', () => {
  const env = { account: '111111111111', region: 'us-east-1' };
  const custom = (stack: Stack) => ({
    domainName: 'portal.example.org',
    certificate: Certificate.fromCertificateArn(
      stack,
      'Certificate',
      'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
    ),
  });
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'SiteDomainTest', { env });
  const site = new Site(stack, 'Site', {
    apiDomainName,
    originSecret,
    siteAssetPath: fixtureSite,
    ...custom(stack),
    signIn: { hostedUiDomain, clientId: 'client-id' },
  });
  const template = Template.fromStack(stack);

  it('serves the domain with TLS 1.2 at least, with no acknowledgement for it', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['portal.example.org'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    expect(site.url).toBe('https://portal.example.org');
  });

  it('allows the hosted UI in the CSP and publishes /auth-config.json beside the site', () => {
    const signInHeaders = securityHeaders({ signInOrigin: `https://${hostedUiDomain}` });
    expect(headersOf(template, policyOf(template, '/api/*'))).toEqual(signInHeaders);
    expect(headersOf(template, policyOf(template))).toEqual({
      ...signInHeaders,
      'Cache-Control': 'no-cache',
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SourceObjectKeys: [Match.anyValue(), Match.anyValue()],
    });
  });

  it('refuses a site built for another origin, saying how to build it', () => {
    const other = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Other', { env });
    expect(
      () =>
        new Site(other, 'Site', {
          apiDomainName,
          originSecret,
          siteAssetPath: fixtureSite,
          ...custom(other),
          domainName: 'wuzhen.example.net',
        }),
    ).toThrow(
      'was built for https://portal.example.org, not https://wuzhen.example.net; rebuild with SITE_ORIGIN=https://wuzhen.example.net npm run build.',
    );
  });
});
