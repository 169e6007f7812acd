import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { portalConfig } from './config.ts';
import { PortalStack } from './portal-stack.ts';

const app = new App();
const config = portalConfig(app.node);
new PortalStack(app, `WuzhenPortal-${config.stage}`, config);
// Every synth is checked against the AWS Solutions rules; an unacknowledged finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
