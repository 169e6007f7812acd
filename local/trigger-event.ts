/**
 * The event the seed function receives in AWS. Its CDK Trigger is a CloudFormation custom resource
 * whose provider (aws-cdk-lib's custom-resource-handlers/dist/triggers) answers the custom-resource
 * event by calling Lambda's Invoke with only FunctionName and InvocationType, no Payload; Lambda
 * hands a function invoked without a payload an empty JSON object.
 */
export const triggerInvocationEvent = {} as const;
