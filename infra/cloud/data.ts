/**
 * The data concern: the one DynamoDB table exactly as shared/table.ts defines it (keys, GSIs,
 * TTL attribute), on demand, with point-in-time recovery, encrypted with a customer-managed
 * key, retained on stack deletion and protected from deletion in production.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE } from '#shared/table.ts';
import type { Stage } from './stage.ts';

export class Data extends Construct {
  readonly table: Table;
  readonly key: Key;
  /** The ARNs of the table's GSIs, one by one (no `index/*`). */
  readonly indexArns: string[];

  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/${stage.named('data')}`,
      description: `Cordon ${stage.name}: encrypts the table`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new Table(this, 'Table', {
      tableName: `${TABLE.name}-${stage.name}`,
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: TABLE.ttlAttribute,
      deletionProtection: stage.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(TABLE.indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.indexArns = Object.values(TABLE.indexes).map((index) => `${this.table.tableArn}/index/${index.name}`);
  }
}
