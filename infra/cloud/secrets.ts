/**
 * The secrets concern: one Secrets Manager secret per entry of the catalogue's `secrets`,
 * generated at the first deploy and kept (a lost ID-hash key makes every stored hash useless).
 * A function that declares a secret gets it in its environment through a CloudFormation dynamic
 * reference, resolved at deploy time: the value is in neither the template nor the code.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { secrets, type SecretName } from '#shared/catalogue/index.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

export class Secrets extends Construct {
  private readonly byName = new Map<SecretName, Secret>();

  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    for (const [name, spec] of Object.entries(secrets) as [SecretName, (typeof secrets)[SecretName]][]) {
      const secret = new Secret(this, name, {
        secretName: stage.named(name),
        description: `Cordon ${stage.name}: ${spec.description}`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(secret, 'AwsSolutions-SMG4',
        'Not rotated automatically: a new key would stop every stored hash (passes, entries) from matching; rotate by a planned re-keying.');
      this.byName.set(name, secret);
    }
  }

  /** The environment variables that carry these secrets to a function. */
  environment(names: readonly SecretName[]): Record<string, string> {
    return Object.fromEntries(names.map((name) => {
      const secret = this.byName.get(name);
      if (!secret) throw new Error(`no secret ${name}`);
      return [secrets[name].variable, secret.secretValue.unsafeUnwrap()];
    }));
  }
}
