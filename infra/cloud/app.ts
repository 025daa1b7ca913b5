/**
 * The CDK app (cdk.json runs it): `npm run synth`, `npm run deploy`; `--context stage=prod`
 * for production. cdk-nag runs on every synth and a finding fails it.
 */
import { cordonApp } from './cordon.ts';

cordonApp().app.synth();
