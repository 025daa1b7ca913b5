/**
 * Secrets: one retained Secrets Manager secret per catalogue secret, reaching exactly the
 * functions that declare it, as a deploy-time dynamic reference (never a value in the template).
 */
import { describe, expect, it } from 'vitest';
import { functionAccess, secrets, type FunctionAccess } from '#shared/catalogue/index.ts';
import { handlerId } from '#infra/cloud/handlers.ts';
import { cordonFunctions, environmentOf, resourcesOf, template } from './synth.ts';

const t = template();

describe('secrets', () => {
  it('are generated once per catalogue entry and kept when the stack goes', () => {
    const found = Object.values(resourcesOf(t, 'AWS::SecretsManager::Secret')) as { Properties: Record<string, unknown>; DeletionPolicy?: string }[];
    expect(found).toHaveLength(Object.keys(secrets).length);
    for (const secret of found) {
      expect(secret.DeletionPolicy).toBe('Retain');
      expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    }
  });

  it('reach exactly the functions that declare them, as a dynamic reference', () => {
    const functions = cordonFunctions(t);
    for (const [kind, modules] of Object.entries(functionAccess)) {
      for (const [name, access] of Object.entries(modules as Record<string, FunctionAccess>)) {
        const fn = functions.get(`cordon-dev-${handlerId(kind as keyof typeof functionAccess, name)}`);
        expect(fn, name).toBeDefined();
        const variables = environmentOf(fn?.props ?? {});
        for (const [secretName, spec] of Object.entries(secrets)) {
          const declared = (access.secrets ?? []).includes(secretName as keyof typeof secrets);
          expect(spec.variable in variables, `${name} ${spec.variable}`).toBe(declared);
          if (declared) expect(JSON.stringify(variables[spec.variable])).toContain('{{resolve:secretsmanager:');
        }
      }
    }
  });
});
