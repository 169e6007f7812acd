import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import type { TableId } from '../../functions/store/tables.ts';
import { PortalFunction, tableActions } from './portal-function.ts';

export interface SeedProps {
  tables: Record<TableId, TableV2>;
  /** The seed runs after these exist (the tables). */
  after: Construct[];
  retainLogs: boolean;
}

/**
 * Loads venues and the current edition into the tables during each deployment that changes them.
 *
 * The trigger runs whenever its function's code changes. The bundle's asset hash is taken from
 * the bundle output, content folders included, so a content edit (or a seed code change) makes a
 * new function version and the seed runs again; a deployment that changes neither skips it, which
 * is safe because seeding the same content again changes nothing (it upserts the venues in content
 * and removes the venues no longer there, with their reviews).
 */
export class Seed extends Construct {
  readonly function: NodejsFunction;
  readonly trigger: Trigger;

  constructor(scope: Construct, id: string, props: SeedProps) {
    super(scope, id);
    this.function = new PortalFunction(this, 'Seeder', {
      entry: 'functions/handlers/deployment/seed.ts',
      description: 'Wuzhen portal: seeds venues and the current edition after a deployment',
      serviceName: 'seed',
      tables: props.tables,
      grants: { venues: tableActions.readWrite, registrations: tableActions.readWrite },
      timeout: Duration.minutes(5),
      retainLogs: props.retainLogs,
    }).function;
    this.trigger = new Trigger(this, 'AfterDeployment', {
      handler: this.function,
      executeAfter: props.after,
      executeOnHandlerChange: true,
      timeout: Duration.minutes(5),
    });
  }
}
