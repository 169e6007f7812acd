import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * The secret CloudFront sends to the API with every /api/* request, so the API knows which requests
 * came through the distribution (and may trust the viewer address it added) and which were sent to
 * its execute-api address directly (functions/http/viewer-address.ts).
 */
export class OriginSecret extends Construct {
  readonly secret: Secret;
  /**
   * The value as a CloudFormation dynamic reference, resolved at deployment: CloudFront's origin
   * header and the functions' environment hold it, the template does not.
   */
  readonly value: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Wuzhen portal: the header value CloudFront adds to API requests',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    this.value = this.secret.secretValue.unsafeUnwrap();
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront and the functions hold it through dynamic references, resolved only when they update: rotation is a new secret under a new construct id, deployed (docs/deploy.md, "Client addresses behind CloudFront").',
    });
  }
}
