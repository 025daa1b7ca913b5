/**
 * The files port: where a client PUTs one uploaded file (an inspection photo) itself, so the bytes
 * never pass through a Lambda. In the cloud a presigned S3 PUT (files-s3.ts) whose signature fixes
 * the content type and length, installed on first use when FILES_BUCKET_DOMAIN names the bucket's
 * regional domain (set by the CDK app on the functions that may sign); the local runtime installs its own adapter
 * (files-local.ts: a PUT route of the local API writing into the data directory). Without either,
 * asking for an upload fails loudly rather than handing out a URL nothing answers.
 */
import { config } from './config.ts';
import { S3FilesPort, type FilesPort } from './files-s3.ts';

export { UPLOAD_EXPIRES_SECONDS, type FilesPort, type UploadAsk, type UploadTarget } from './files-s3.ts';

let port: FilesPort | undefined;

/** The local runtime and tests install their adapter here. */
export function setFilesPort(next: FilesPort | undefined): void {
  port = next;
}

/** The installed port; in the cloud the S3 adapter, made once per container when FILES_BUCKET_DOMAIN is set. */
export function filesPort(): FilesPort {
  const domain = process.env.FILES_BUCKET_DOMAIN;
  if (!port && domain) port = new S3FilesPort({ domain, region: config().region });
  if (!port) throw new Error('no files port: FILES_BUCKET_DOMAIN is not set and no local adapter is installed');
  return port;
}

/** The file extension of an accepted photo type. */
export const EXTENSION_OF: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
