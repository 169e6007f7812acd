import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  CloudFormationCustomResourceCreateSchema,
  CloudFormationCustomResourceUpdateSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { describe, expect, it } from 'vitest';
import { triggerInvocationEvent } from '../../local/trigger-event.ts';

const account = '123456789012';
const providerArn = `arn:aws:lambda:us-east-1:${account}:function:wuzhen-AWSCDKTriggerCustomResourceProvider`;
/** The properties aws-cdk-lib's Trigger gives its custom resource, with the seed's settings (infra/constructs/seed.ts). */
const triggerProperties = {
  ServiceToken: providerArn,
  HandlerArn: `arn:aws:lambda:us-east-1:${account}:function:wuzhen-SeedSeederFunction:3`,
  InvocationType: 'RequestResponse',
  Timeout: '300000',
  // CloudFormation hands every scalar property to the provider as a string.
  ExecuteOnHandlerChange: 'true',
};
const customResourceEvent = {
  ServiceToken: providerArn,
  ResponseURL:
    'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation',
  StackId: `arn:aws:cloudformation:us-east-1:${account}:stack/wuzhen-portal/271845b0-f2e8-11ed-90ac-0eeb25b8ae21`,
  RequestId: '5d9a6d1e-2b1f-4e0b-9f0e-0b7c1d3f4a5b',
  LogicalResourceId: 'SeedAfterDeployment6C8F1E2B',
  ResourceType: 'Custom::Trigger',
  ResourceProperties: triggerProperties,
};

/** The trigger provider's handler as the installed aws-cdk-lib ships it. */
async function triggerProviderSource() {
  const triggers = dirname(createRequire(import.meta.url).resolve('aws-cdk-lib/triggers'));
  const provider = join(triggers, '../custom-resource-handlers/dist/triggers/lambda/index.js');
  return readFile(provider, 'utf8');
}

describe('the deployment trigger of the seed, with the events AWS sends', () => {
  it("gets CloudFormation's custom-resource events, which Powertools' schemas accept", () => {
    expect(() =>
      CloudFormationCustomResourceCreateSchema.parse({ ...customResourceEvent, RequestType: 'Create' }),
    ).not.toThrow();
    expect(() =>
      CloudFormationCustomResourceUpdateSchema.parse({
        ...customResourceEvent,
        RequestType: 'Update',
        PhysicalResourceId: 'SeedAfterDeployment6C8F1E2B',
        OldResourceProperties: {
          ...triggerProperties,
          HandlerArn: triggerProperties.HandlerArn.replace(/3$/, '2'),
        },
      }),
    ).not.toThrow();
  });

  it('sets the custom resource properties its provider reads', async () => {
    const provider = await triggerProviderSource();
    for (const property of ['HandlerArn', 'InvocationType', 'Timeout', 'ExecuteOnHandlerChange']) {
      expect(provider).toContain(`ResourceProperties.${property}`);
    }
  });

  it('invokes the seed with no payload, which Lambda hands the function as an empty object', async () => {
    // The provider's Invoke request names the function and the invocation type, and nothing else.
    const request = /\{FunctionName:\w+,InvocationType:\w+\}/.exec(await triggerProviderSource());
    expect(request).not.toBeNull();
    expect(triggerInvocationEvent).toEqual({});
  });
});
