import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultStackSynthesizer, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  type HeadersFrameOption,
  type HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { originVerifyHeader, viewerAddressFunctionSource } from '../../functions/http/viewer-address.ts';
import {
  hashedAssetCacheControl,
  hashedAssetsPath,
  revalidatedCacheControl,
} from '../../site/cache-control.ts';
import {
  contentSecurityPolicy,
  frameOptions,
  permissionsPolicy,
  referrerPolicy,
  strictTransportSecurity,
} from '../../site/security-headers.ts';
import { directoryIndexSource } from './directory-index.ts';

const projectRoot = join(import.meta.dirname, '../..');

export interface SiteProps {
  /** The HTTP API's own host name (`<apiId>.execute-api.<region>.amazonaws.com`), served at /api/*. */
  apiDomainName: string;
  /** Sent to the API with every request as its origin header (OriginSecret), so the API knows CloudFront sent it. */
  originSecret: string;
  /** The built site (`npm run build`). */
  siteAssetPath?: string;
  /** A custom domain, with its certificate (us-east-1); without one the site is on *.cloudfront.net. */
  domainName?: string;
  certificate?: ICertificate;
  /** The web ACL (scope CLOUDFRONT, us-east-1) in front of the distribution: infra/firewall-stack.ts. */
  webAclArn?: string;
  /** The organizers' Cognito hosted UI: published as /auth-config.json and allowed by the CSP. */
  signIn?: { hostedUiDomain: string; clientId: string };
}

/**
 * The canonical URLs and venue QR codes are fixed when Astro builds, so a site built for another
 * origin would print QR codes pointing elsewhere. CDK cannot rebuild Astro: it refuses instead.
 */
function requireBuiltFor(siteAssetPath: string, domainName: string | undefined): void {
  const indexPath = join(siteAssetPath, 'index.html');
  let index: string;
  try {
    index = readFileSync(indexPath, 'utf8');
  } catch {
    throw new Error(`Site: ${indexPath} is missing; build the site first (npm run build).`);
  }
  if (!domainName) return;
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(index)?.[1];
  const expected = `https://${domainName}`;
  const built = canonical ? new URL(canonical).origin : 'no canonical link';
  if (built !== expected) {
    throw new Error(
      `Site: ${siteAssetPath} was built for ${built}, not ${expected}; ` +
        `rebuild with SITE_ORIGIN=${expected} npm run build.`,
    );
  }
}

/**
 * BucketDeployment's copy function is CDK's own, a singleton at stack level (so reached through its
 * role): its runtime, managed policy and wildcards are CDK's choice, scoped to the two buckets.
 */
function acknowledgeDeploymentFunction(deployment: BucketDeployment, site: Bucket): void {
  const stack = Stack.of(deployment);
  const named = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  const qualifier =
    (stack.synthesizer as DefaultStackSynthesizer).bootstrapQualifier ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const assetBucket = `cdk-${qualifier}-assets-${named(stack.account, 'AccountId')}-${named(stack.region, 'Region')}`;
  const siteBucket = stack.getLogicalId(site.node.defaultChild as CfnBucket);
  const iam5 = (finding: string, reason: string) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  const role = deployment.handlerRole;
  Validations.of(role).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "BucketDeployment's CDK-managed function writes its own logs with the AWS basic execution role.",
    },
    iam5('Action::s3:GetObject*', 'CDK grants read of the asset bucket to copy the built site from it.'),
    iam5('Action::s3:GetBucket*', 'CDK grants read of the asset bucket to copy the built site from it.'),
    iam5('Action::s3:List*', 'CDK lists both buckets to sync them (prune deletes stale files).'),
    iam5('Action::s3:DeleteObject*', 'CDK prunes files of an older build from the site bucket.'),
    iam5('Action::s3:Abort*', 'CDK aborts its own failed multipart uploads to the site bucket.'),
    iam5(
      `Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*`,
      'Only the CDK asset bucket of this account.',
    ),
    iam5(`Resource::<${siteBucket}.Arn>/*`, 'Only the objects of the site bucket it deploys to.'),
    iam5('Resource::*', 'CloudFront invalidation actions take no resource narrower than *.'),
  );
  if (role.node.scope) {
    Validations.of(role.node.scope).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "BucketDeployment's CDK-managed copy function: CDK pins its runtime, not this project.",
    });
  }
}

/** The security headers (site/security-headers.ts) as CloudFront models them, for every policy. */
function securityHeadersPolicy(signIn: SiteProps['signIn']) {
  return {
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(strictTransportSecurity.maxAgeSeconds),
        includeSubdomains: strictTransportSecurity.includeSubDomains,
        override: true,
      },
      contentSecurityPolicy: {
        contentSecurityPolicy: contentSecurityPolicy(
          signIn ? { signInOrigin: `https://${signIn.hostedUiDomain}` } : {},
        ),
        override: true,
      },
      contentTypeOptions: { override: true },
      // CloudFront's enums hold the header values themselves.
      referrerPolicy: { referrerPolicy: referrerPolicy as HeadersReferrerPolicy, override: true },
      frameOptions: { frameOption: frameOptions as HeadersFrameOption, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Permissions-Policy', value: permissionsPolicy, override: true }],
    },
  };
}

/** The static site in a private bucket behind CloudFront, which also forwards /api/* to the HTTP API. */
export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const { apiDomainName, originSecret, domainName, certificate, signIn } = props;
    const siteAssetPath = props.siteAssetPath ?? join(projectRoot, 'site/dist/client');
    if (Boolean(domainName) !== Boolean(certificate)) {
      throw new Error('Site: a custom domainName needs its certificate, and a certificate its domainName.');
    }
    requireBuiltFor(siteAssetPath, domainName);

    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // Access logs hold visitors' IP addresses: keep them no longer than an incident needs.
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const securityPolicy = securityHeadersPolicy(signIn);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Wuzhen portal security headers (site/security-headers.ts)',
      ...securityPolicy,
    });
    // The site's own files also tell browsers how long to keep them (site/cache-control.ts): only
    // to viewers, so the edge keeps its copies (the deploy invalidates them) while browsers ask again.
    const cachingHeaders = (id: string, comment: string, cacheControl: string) =>
      new ResponseHeadersPolicy(this, id, {
        comment,
        securityHeadersBehavior: securityPolicy.securityHeadersBehavior,
        customHeadersBehavior: {
          customHeaders: [
            ...securityPolicy.customHeadersBehavior.customHeaders,
            { header: 'Cache-Control', value: cacheControl, override: true },
          ],
        },
      });
    const revalidatedHeaders = cachingHeaders(
      'RevalidatedHeaders',
      'Security headers; pages, exports, search index and /sw.js revalidated each time',
      revalidatedCacheControl,
    );
    const hashedAssetHeaders = cachingHeaders(
      'HashedAssetHeaders',
      'Security headers; hashed scripts and stylesheets kept a year',
      hashedAssetCacheControl,
    );

    const directoryIndex = new EdgeFunction(this, 'DirectoryIndex', {
      code: FunctionCode.fromInline(directoryIndexSource),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Maps /dir/ and /dir to /dir/index.html',
    });
    const viewerAddress = new EdgeFunction(this, 'ViewerAddress', {
      code: FunctionCode.fromInline(viewerAddressFunctionSource),
      runtime: FunctionRuntime.JS_2_0,
      comment: "Writes the viewer's IP for the API, over whatever the viewer sent",
    });

    // LIST lets S3 answer 404 rather than 403 for a missing page, so the 404 page can stand in.
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    this.distribution = new Distribution(this, 'Distribution', {
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
        responseHeadersPolicy: revalidatedHeaders,
      },
      additionalBehaviors: {
        // Files only, no directories to map: no viewer-request function.
        [`${hashedAssetsPath}*`]: {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: hashedAssetHeaders,
        },
        '/api/*': {
          // CloudFront overwrites a viewer's copy of an origin custom header.
          origin: new HttpOrigin(apiDomainName, { customHeaders: { [originVerifyHeader]: originSecret } }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Answers carry personal data and tokens; the API sets its own cache-control.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Authorization, Idempotency-Key, content-type and query strings reach the API; Host must
          // stay the API's own for API Gateway to route the request. Viewer headers include the
          // viewer address the function wrote (docs/deploy.md, "Client addresses behind CloudFront").
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      defaultRootObject: 'index.html',
      // Error pages apply to the whole distribution: an API 404 keeps its status but gets this body,
      // which the site's scripts tolerate (site/src/scripts/api.ts reads the status).
      errorResponses: [
        { httpStatus: 404, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.minutes(5) },
      ],
      httpVersion: HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      ...(domainName && certificate ? { domainNames: [domainName], certificate } : {}),
      // Edges in Asia, where most visitors are, without paying for every edge in the world.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    this.url = `https://${domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'An international conference: visitors come from every country, none is restricted.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'No webAclArn given: deploy the firewall stack (us-east-1) and pass its WebAclArn (docs/deploy.md); ' +
          'until then the API still prices registrations and reviews with proof of work and limits reviews per client.',
      });
    }
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain: the default *.cloudfront.net certificate cannot be limited to TLS 1.2; ' +
          'with a domain and certificate the distribution requires TLSv1.2_2021.',
      });
    }

    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [
        Source.asset(siteAssetPath),
        ...(signIn
          ? [
              Source.jsonData('auth-config.json', {
                domain: signIn.hostedUiDomain,
                clientId: signIn.clientId,
              }),
            ]
          : []),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    acknowledgeDeploymentFunction(deployment, this.bucket);
  }
}
