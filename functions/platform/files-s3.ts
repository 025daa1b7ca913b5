/**
 * The cloud adapter of the files port (files.ts): a presigned S3 PutObject. The content type and
 * length are signed headers (X-Amz-SignedHeaders names them), so S3 refuses a PUT of another type
 * or size than the one the API checked; the URL expires after UPLOAD_EXPIRES_SECONDS.
 * The port's vocabulary lives here so that files.ts can import the adapter without a circle.
 */
import { PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** How long an upload URL stays valid. */
export const UPLOAD_EXPIRES_SECONDS = 600;

export interface UploadAsk {
  /** Where the file lands: `inspections/<hex>.<ext>` or `orders/<hex>.<ext>`. */
  readonly key: string;
  readonly contentType: string;
  readonly size: number;
}

export interface UploadTarget {
  readonly uploadUrl: string;
  /** The headers the PUT must send, exactly (they are part of the signature). */
  readonly headers: Record<string, string>;
}

export interface FilesPort {
  uploadTarget(ask: UploadAsk): Promise<UploadTarget>;
}

export class S3FilesPort implements FilesPort {
  readonly #client: S3Client;
  readonly #bucket: string;
  /** `config` for tests (region, credentials); the checksum is left to S3, since the signer never sees the body. */
  constructor(bucket: string, config: S3ClientConfig = {}) {
    this.#bucket = bucket;
    // Otherwise the SDK signs a CRC32 of the empty body it has, and S3 refuses every real upload.
    this.#client = new S3Client({ ...config, requestChecksumCalculation: 'WHEN_REQUIRED' });
  }

  async uploadTarget(ask: UploadAsk): Promise<UploadTarget> {
    const command = new PutObjectCommand({ Bucket: this.#bucket, Key: ask.key, ContentType: ask.contentType, ContentLength: ask.size });
    const uploadUrl = await getSignedUrl(this.#client, command, {
      expiresIn: UPLOAD_EXPIRES_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    // The browser sets Content-Length itself (it may not be set by script); it must equal the signed size.
    return { uploadUrl, headers: { 'content-type': ask.contentType } };
  }
}
