import { RemovalPolicy } from 'aws-cdk-lib';
import { type Attribute, AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type KeyAttribute, type TableId, tables } from '../../functions/store/tables.ts';

const attribute = ({ name, type }: KeyAttribute): Attribute => ({
  name,
  type: type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

export interface DataProps {
  /** Keep tables (deletion protection, RETAIN) when the stack goes away. */
  retainData: boolean;
}

/** The portal's DynamoDB tables, built from the same definitions the local bootstrap and tests use. */
export class Data extends Construct {
  readonly tables: Record<TableId, TableV2>;

  constructor(scope: Construct, id: string, { retainData }: DataProps) {
    super(scope, id);
    const entries = Object.entries(tables).map(([tableId, definition]) => {
      const table = new TableV2(this, tableId, {
        partitionKey: attribute(definition.partitionKey),
        sortKey: attribute(definition.sortKey),
        globalSecondaryIndexes: definition.indexes.map((index) => ({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        })),
        billing: Billing.onDemand(),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: retainData,
        removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        timeToLiveAttribute: definition.timeToLiveAttribute,
        dynamoStream: definition.stream ? StreamViewType.NEW_IMAGE : undefined,
      });
      return [tableId, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<TableId, TableV2>;
  }
}
