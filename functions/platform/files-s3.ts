/**
 * The cloud adapter of the files port (files.ts): a presigned S3 PutObject. The content type and
 * length are signed headers (X-Amz-SignedHeaders names them), so S3 refuses a PUT of another type
 * or size than the one the API checked; the URL expires after UPLOAD_EXPIRES_SECONDS.
 *
 * Signed with the SDK's own S3RequestPresigner, the part of getSignedUrl that signs, on the request
 * a PutObject makes: an S3 client only to sign one URL would add ≈ 155 KB to each function that
 * signs (its serializers, endpoint rules and checksums), and the request is a PUT of the key at the
 * bucket's regional domain, which the CDK app reads off the bucket (bucketRegionalDomainName).
 * The port's vocabulary lives here so that files.ts can import the adapter without a circle.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { formatUrl } from '@aws-sdk/core/util';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

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

export interface S3FilesConfig {
  /** The bucket's regional domain, `<bucket>.s3.<region>.amazonaws.com` (`.com.cn` in China). */
  readonly domain: string;
  readonly region: string;
  /** Lambda's role credentials from the environment unless given (tests). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The clock the signature's date is read from (tests). */
  readonly now?: () => Date;
}

export class S3FilesPort implements FilesPort {
  readonly #presigner: S3RequestPresigner;
  readonly #domain: string;
  readonly #now: () => Date;

  constructor(config: S3FilesConfig) {
    this.#domain = config.domain;
    this.#now = config.now ?? (() => new Date());
    this.#presigner = new S3RequestPresigner({ region: config.region, credentials: config.credentials ?? fromEnv(), sha256: Sha256 });
  }

  async uploadTarget(ask: UploadAsk): Promise<UploadTarget> {
    // The signer never sees the body: the payload is UNSIGNED-PAYLOAD and S3 computes no checksum
    // of it, as getSignedUrl does with `requestChecksumCalculation: 'WHEN_REQUIRED'`.
    const request = new HttpRequest({
      method: 'PUT',
      protocol: 'https:',
      hostname: this.#domain,
      path: `/${ask.key.split('/').map(encodeURIComponent).join('/')}`,
      headers: { host: this.#domain, 'content-type': ask.contentType, 'content-length': String(ask.size) },
      // The operation's name, which the SDK's PutObject puts in its query too.
      query: { 'x-id': 'PutObject' },
    });
    const signed = await this.#presigner.presign(request, {
      expiresIn: UPLOAD_EXPIRES_SECONDS,
      signingDate: this.#now(),
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    // The browser sets Content-Length itself (it may not be set by script); it must equal the signed size.
    return { uploadUrl: formatUrl(signed), headers: { 'content-type': ask.contentType } };
  }
}
