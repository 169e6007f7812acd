import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebFirewall } from './constructs/web-firewall.ts';

export interface FirewallStackProps extends StackProps {
  stage: string;
  apiRequestsPerFiveMinutes: number;
}

/**
 * The web ACL of the portal's CloudFront distribution, in us-east-1 whatever the portal's region
 * (AWS takes CLOUDFRONT-scope web ACLs only there). Deployed first; its WebAclArn output is the
 * portal stack's `webAclArn` context (docs/deploy.md).
 */
export class FirewallStack extends Stack {
  readonly firewall: WebFirewall;

  constructor(scope: Construct, id: string, props: FirewallStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    this.firewall = new WebFirewall(this, 'Firewall', {
      apiRequestsPerFiveMinutes: props.apiRequestsPerFiveMinutes,
      metricPrefix: `wuzhen-portal-${props.stage}`,
    });
    new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn });
  }
}
