import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Data } from './constructs/data.ts';

export interface PortalStackProps extends StackProps {
  /** "dev" stacks may be torn down with their data; any other stage keeps it. */
  stage: string;
}

export class PortalStack extends Stack {
  readonly data: Data;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    this.data = new Data(this, 'Data', { retainData: props.stage !== 'dev' });
  }
}
