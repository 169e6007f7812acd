import type { Node } from 'constructs';
import {
  defaultProofOfWorkSettings,
  type ProofOfWorkSettings,
  proofOfWorkSettings,
} from '../functions/domain/proof-of-work.ts';
import { defaultResidentAffairsRetentionDays } from '../functions/domain/resident-affairs/anonymise.ts';
import { defaultFirstResponseTargetMinutes } from '../functions/domain/resident-affairs/lifecycle.ts';

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
  /** The CloudFront web ACL's ARN, the WebAclArn output of the firewall stack (us-east-1). */
  webAclArn?: string;
  /** The firewall's rate-based rule: requests to /api/* per client address in five minutes. */
  apiRequestsPerFiveMinutes: number;
  /** Proof-of-work difficulty steps and windows (functions/domain/proof-of-work.ts). */
  proofOfWork: ProofOfWorkSettings;
  /** Resident affairs: minutes within which staff should first answer a request (the queue shows it). */
  firstResponseTargetMinutes: number;
  /** Resident affairs: days after closing when a request is anonymised and its photos deleted. */
  residentAffairsRetentionDays: number;
}

/** Far above a delegation registering together (a few requests a person), far below a flood. */
export const defaultApiRequestsPerFiveMinutes = 1000;

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
  // AWS takes 10 to 2,000,000,000 requests per window for a rate-based rule.
  const apiRequestsPerFiveMinutes = wholeNumber(
    node,
    'apiRequestsPerFiveMinutes',
    defaultApiRequestsPerFiveMinutes,
    10,
  );
  // An object in cdk.json, or JSON text with -c proofOfWork='{…}'.
  const proofOfWork: unknown = node.tryGetContext('proofOfWork');
  return {
    stage,
    domainName: optional(node, 'domainName'),
    certificateArn: optional(node, 'certificateArn'),
    mailFrom,
    alarmEmail: optional(node, 'alarmEmail'),
    authDomainPrefix: optional(node, 'authDomainPrefix') ?? `wuzhen-portal-${stage}`,
    webAclArn: optional(node, 'webAclArn'),
    apiRequestsPerFiveMinutes,
    proofOfWork:
      proofOfWork === undefined
        ? defaultProofOfWorkSettings
        : proofOfWorkSettings.parse(typeof proofOfWork === 'string' ? JSON.parse(proofOfWork) : proofOfWork),
    firstResponseTargetMinutes: wholeNumber(
      node,
      'firstResponseTargetMinutes',
      defaultFirstResponseTargetMinutes,
      1,
    ),
    residentAffairsRetentionDays: wholeNumber(
      node,
      'residentAffairsRetentionDays',
      defaultResidentAffairsRetentionDays,
      1,
    ),
  };
}

/** A whole-number setting: a number in cdk.json, or text with -c key=value. */
function wholeNumber(node: Node, key: string, fallback: number, minimum: number): number {
  const value: unknown = node.tryGetContext(key);
  const given = typeof value === 'string' ? optional(node, key) : value;
  if (given === undefined) return fallback;
  const number = Number(given);
  if (!Number.isInteger(number) || number < minimum) {
    throw new Error(`Context "${key}" is ${String(given)}: give a whole number of at least ${minimum}.`);
  }
  return number;
}
