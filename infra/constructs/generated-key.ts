import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * An HMAC key Secrets Manager generates, never in the template; the functions read it at start.
 * Not rotated automatically, for the reason given (cdk-nag's AwsSolutions-SMG4).
 */
export function generatedKey(
  scope: Construct,
  id: string,
  { description, whyNotRotated, retain }: { description: string; whyNotRotated: string; retain: boolean },
): Secret {
  const secret = new Secret(scope, id, {
    description,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: whyNotRotated });
  return secret;
}
