import type { Node } from 'constructs';

/** What differs between deployments; read from CDK context (cdk.json or `-c key=value`). */
export interface PortalConfig {
  /** "dev" stacks may be torn down with their data; any other stage keeps it. */
  stage: string;
  /** The site's own domain name (CloudFront); without it the CloudFront domain serves the site. */
  domainName?: string;
  /** An ACM certificate in us-east-1 for `domainName`. */
  certificateArn?: string;
  /** The sender of every message, an SES-verified address (or an address of a verified domain). */
  mailFrom: string;
  /** Who is told when an alarm fires; none means the alarms only show on the dashboard. */
  alarmEmail?: string;
  /** The Cognito hosted-UI prefix (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  authDomainPrefix: string;
}

const optional = (node: Node, key: string): string | undefined => {
  const value: unknown = node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

export function portalConfig(node: Node): PortalConfig {
  const stage = optional(node, 'stage') ?? 'dev';
  const mailFrom = optional(node, 'mailFrom');
  if (!mailFrom) {
    throw new Error(
      'Context "mailFrom" is missing: pass -c mailFrom=registration@your-domain (an SES identity).',
    );
  }
  // ".example" is reserved (RFC 2606): fine for an offline synth of dev, never a real sender.
  if (stage !== 'dev' && /\.example>?$/.test(mailFrom)) {
    throw new Error(
      `Context "mailFrom" is the example ${mailFrom}: stage ${stage} needs a real SES identity.`,
    );
  }
  return {
    stage,
    domainName: optional(node, 'domainName'),
    certificateArn: optional(node, 'certificateArn'),
    mailFrom,
    alarmEmail: optional(node, 'alarmEmail'),
    authDomainPrefix: optional(node, 'authDomainPrefix') ?? `wuzhen-portal-${stage}`,
  };
}
