import { App } from 'aws-cdk-lib';
import { PortalStack } from './portal-stack.ts';

const app = new App();
const stage: string = app.node.tryGetContext('stage') ?? 'dev';
new PortalStack(app, `WuzhenPortal-${stage}`, { stage });
