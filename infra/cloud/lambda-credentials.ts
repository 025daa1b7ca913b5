/**
 * The credentials the bundled SDK clients use inside Lambda. The runtime hands every function its
 * role's credentials in environment variables, so bundling swaps the SDK's whole provider chain
 * (INI files, SSO, IMDS, web identity, nested STS clients: ≈ 130 KB a bundle) for the environment
 * provider, through an esbuild alias in bundling.ts. Local runs and tests are not bundled and keep
 * the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Stands in for `@aws-sdk/credential-provider-node`'s export of the same name. */
export const defaultProvider = (_init?: unknown) => fromEnv();
