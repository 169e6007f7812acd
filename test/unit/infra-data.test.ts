import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tables } from '../../functions/store/tables.ts';
import { PortalStack } from '../../infra/portal-stack.ts';

// Bundling and CloudFormation validation are skipped here; test/unit/infra-stack.test.ts does both checks.
const synthesize = (stage: string) =>
  Template.fromStack(
    new PortalStack(
      new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false }),
      `Test-${stage}`,
      {
        stage,
        mailFrom: 'registration@wuzhen.example.org',
        authDomainPrefix: `wuzhen-test-${stage}`,
        siteAssetPath: join(import.meta.dirname, '../fixtures/site'),
      },
    ),
  );

describe('the data construct', () => {
  const production = synthesize('prod');

  it('creates each table from the shared definitions, keys and indexes alike', () => {
    for (const definition of Object.values(tables)) {
      production.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: definition.indexes.length
          ? definition.indexes.map((index) => Match.objectLike({ IndexName: index.name }))
          : Match.absent(),
      });
    }
    expect(Object.keys(production.findResources('AWS::DynamoDB::GlobalTable'))).toHaveLength(
      Object.keys(tables).length,
    );
  });

  it('turns on point-in-time recovery and keeps the data of a non-dev stage', () => {
    production.allResources('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });

  it('lets a dev stage be torn down with its data', () => {
    synthesize('dev').allResources('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});
