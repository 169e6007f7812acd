import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { portalConfig } from './config.ts';
import { FirewallStack } from './firewall-stack.ts';
import { PortalStack } from './portal-stack.ts';

const app = new App();
const config = portalConfig(app.node);
new PortalStack(app, `WuzhenPortal-${config.stage}`, config);
// Its own stack in us-east-1 (CloudFront's web ACLs live there only); deployed first, its
// WebAclArn output becomes the portal's webAclArn context (docs/deploy.md).
new FirewallStack(app, `WuzhenPortalFirewall-${config.stage}`, {
  stage: config.stage,
  apiRequestsPerFiveMinutes: config.apiRequestsPerFiveMinutes,
});
// Every synth is checked against the AWS Solutions rules; an unacknowledged finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
