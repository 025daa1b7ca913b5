/**
 * The cloud's upload URLs (functions/platform/files-s3.ts): the SDK's presigner on the request a
 * PutObject makes gives the very URL an S3 client's getSignedUrl gives, in either partition, with
 * or without a session token; the content type and length are signed, the URL lives 600 s, and no
 * checksum of a body the signer never saw is asked for. The clock is injected.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { S3FilesPort, UPLOAD_EXPIRES_SECONDS } from '#functions/platform/files-s3.ts';

const AT = new Date('2026-11-22T08:00:00.000Z');
const ASK = { key: 'inspections/0123456789abcdef0123456789abcdef.jpg', contentType: 'image/webp', size: 4321 };

/** What getSignedUrl answers for the same PutObject, as the port signed it before it had no client. */
async function sdkUrl(bucket: string, region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const client = new S3Client({ region, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const command = new PutObjectCommand({ Bucket: bucket, Key: ASK.key, ContentType: ASK.contentType, ContentLength: ASK.size });
  return getSignedUrl(client, command, { expiresIn: UPLOAD_EXPIRES_SECONDS, signingDate: AT, signableHeaders: new Set(['content-type', 'content-length']) });
}

describe('S3FilesPort', () => {
  it.each([
    ['cn-north-1', 'cordon-files.s3.cn-north-1.amazonaws.com.cn', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }],
    ['us-east-1', 'cordon-files.s3.us-east-1.amazonaws.com', { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token+/=' }],
  ])('signs in %s the URL an S3 client\'s getSignedUrl signs', async (region, domain, credentials) => {
    const port = new S3FilesPort({ domain, region, credentials, now: () => AT });
    const target = await port.uploadTarget(ASK);
    expect(target.uploadUrl).toBe(await sdkUrl('cordon-files', region, credentials));
    expect(target.headers).toEqual({ 'content-type': 'image/webp' });
  });

  it('signs the content type and length, for 600 s, and asks for no checksum', async () => {
    const port = new S3FilesPort({ domain: 'cordon-files.s3.cn-north-1.amazonaws.com.cn', region: 'cn-north-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, now: () => AT });
    const url = new URL((await port.uploadTarget(ASK)).uploadUrl);
    expect(url.host).toBe('cordon-files.s3.cn-north-1.amazonaws.com.cn');
    expect(url.pathname).toBe(`/${ASK.key}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261122T080000Z');
    expect([...url.searchParams.keys()].some((name) => name.toLowerCase().includes('checksum'))).toBe(false);
  });
});
