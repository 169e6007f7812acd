import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { stagedUploadMs } from '../../functions/domain/resident-affairs/submit-request.ts';
import {
  requestPhotosPrefix as attached,
  stagedPrefix as staged,
} from '../../functions/store/photo-store.ts';
import { generatedKey } from './generated-key.ts';

/**
 * The longest a request is expected to stay open. A photo's lifecycle clock starts when it is
 * uploaded, not when its request closes, so the backstop expiry of attached photos is the retention
 * period plus this: a request closed within a year of being made loses its photos to the nightly
 * retention run first (which deletes them `retentionDays` after closing), and a photo outlives the
 * rule by at most a year if that run ever stops. A township's request open for more than a year
 * (a bridge rebuilt) loses its photos, not its record.
 */
export const longestOpenRequestDays = 365;

export interface PhotosProps {
  /** Days after closing when the retention rule deletes a request's photos (and anonymises it). */
  retentionDays: number;
  /** Keep the bucket, its access logs and the view key when the stack goes away (non-dev stages). */
  retainData: boolean;
}

/**
 * Residents' photos of their requests (docs/resident-affairs.md, "In AWS"): a private bucket no
 * one reaches from the internet, not even by a presigned URL. The functions serve the bytes
 * through the API behind a signed, five-minute view URL, keyed by the generated view key. Each
 * function is given only the prefixes and actions it uses, through the grants below.
 */
export class Photos extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the bucket (which role read or deleted which key, when). */
  readonly accessLogs: Bucket;
  /** The HMAC key of the photo view URLs (functions/domain/photos/photo-view-url.ts). */
  readonly viewKey: Secret;

  constructor(scope: Construct, id: string, props: PhotosProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The lines name request ids and the portal's roles, no visitor: kept as long as an incident needs.
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Not versioned: a deleted photo (erasure, retention) must be gone, not kept as an old version.
      versioned: false,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'photos/',
      lifecycleRules: [
        // Backstops: the nightly retention run deletes both sooner, if it runs.
        { id: 'unattached-uploads', prefix: staged, expiration: Duration.millis(stagedUploadMs) },
        {
          id: 'request-photos',
          prefix: attached,
          expiration: Duration.days(props.retentionDays + longestOpenRequestDays),
        },
        // A PutObject is never multipart; should one ever be, its parts must not linger unseen.
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    // Photos go in and out only through the API (checked on the way in, signed view URLs on the way
    // out): a presigned URL, whoever signs it and for whatever action, is refused.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:*'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } },
      }),
    );
    this.viewKey = generatedKey(this, 'ViewKey', {
      description: 'Wuzhen portal: HMAC key of the photo view URLs of resident affairs',
      whyNotRotated:
        'A photo view URL lives five minutes and the key signs nothing else: rotating it would only refuse the URLs in flight. Replace the secret value to rotate by hand.',
      retain: props.retainData,
    });
  }

  /**
   * The resident-affairs function: stores an upload under `staged/`, copies it to
   * `requests/<id>/<n>` when a request takes it and removes the staged one, serves both through
   * the view URL, and removes a request's photos on the requester's erasure.
   */
  grantResidentUse(fn: LambdaFunction): void {
    this.#grant(fn, ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], [staged, attached]);
    this.#grantMissingAsNotFound(fn);
    this.#grantViewKey(fn);
  }

  /** The staff function (resident-affairs role): views a request's photos, changes none. */
  grantStaffView(fn: LambdaFunction): void {
    this.#grant(fn, ['s3:GetObject'], [attached]);
    this.#grantMissingAsNotFound(fn);
    this.#grantViewKey(fn);
  }

  /**
   * The retention run: deletes the photos of the requests it anonymises and the uploads left
   * unattached a day, which it finds by listing `staged/` (and nothing else).
   */
  grantRetention(fn: LambdaFunction): void {
    this.#grant(fn, ['s3:DeleteObject'], [staged, attached]);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${staged}*` } },
      }),
    );
  }

  #grant(fn: LambdaFunction, actions: string[], prefixes: string[]): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions,
        resources: prefixes.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    fn.addEnvironment('PHOTO_BUCKET', this.bucket.bucketName);
    // cdk-nag reads "<bucket>/staged/*" as a wildcard; these prefixes are the narrowest the keys
    // allow (one object per upload id, request id and photo number).
    const bucket = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(roleOf(fn)).acknowledge(
      ...prefixes.map((prefix) => ({
        id: `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/${prefix}*]`,
        reason: `Only the objects under ${prefix} of the photo bucket, whose keys are random ids chosen at run time.`,
      })),
    );
  }

  /**
   * S3 answers a GetObject of a missing key with 404 NoSuchKey only to a principal that may list
   * the bucket; to any other it answers 403 AccessDenied. The photo store reads NoSuchKey as "no
   * such photo" (an expired upload named in `media_ids`, a photo erased while its view URL lived),
   * so these functions may list: the keys are random upload and request ids, no personal data,
   * and a listing returns no object's contents.
   */
  #grantMissingAsNotFound(fn: LambdaFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }),
    );
  }

  #grantViewKey(fn: LambdaFunction): void {
    this.viewKey.grantRead(fn);
    fn.addEnvironment('PHOTO_VIEW_SECRET_ARN', this.viewKey.secretArn);
  }
}

function roleOf(fn: LambdaFunction): Construct {
  if (!fn.role) throw new Error(`${fn.node.path} has no role to grant the photo bucket to`);
  return fn.role;
}
