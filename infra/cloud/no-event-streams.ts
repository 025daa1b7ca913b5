/**
 * Stands in for `@smithy/core/event-streams` in the Lambda bundles (an esbuild alias in
 * bundling.ts). The SDK's HTTP protocol loads it with a dynamic `import()` for event-stream
 * operations (S3 Select, Bedrock's streams …), which esbuild without code splitting inlines into
 * every bundle: ≈ 15 KB of codec that no Cordon function runs, since none of the operations it
 * calls (DynamoDB, SQS, SNS, Cognito) streams events. Should one ever do so, it fails here by name
 * instead of misreading the stream; a client that imports a part of the module by name fails the build.
 * Local runs and tests are not bundled and keep the real module.
 */
const absent = (): never => {
  throw new Error('event streams are not bundled into Cordon functions (infra/cloud/no-event-streams.ts)');
};

/** What HttpProtocol.loadEventStreamCapability takes from the module. */
export class EventStreamSerde {
  constructor() {
    absent();
  }
}

export const eventStreamSerdeProvider = absent;
