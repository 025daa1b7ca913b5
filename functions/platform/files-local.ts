/**
 * The local adapter of the files port (files.ts): an upload path on the local API
 * (`PUT /local/files/<key>?type=&size=&expires=&sig=`, relative to the API's base unless one is given), signed with the runtime's own key the way a
 * presigned S3 URL is — the key, content type, size and expiry are fixed by the signature — and
 * the handler of that PUT, which checks it all and writes the file into the data directory.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UPLOAD_EXPIRES_SECONDS, type FilesPort, type UploadAsk, type UploadTarget } from './files-s3.ts';

export const LOCAL_FILES_PREFIX = '/local/files/';

const signature = (secret: string, key: string, type: string, size: string, expires: string): string =>
  createHmac('sha256', secret).update(`${key}\n${type}\n${size}\n${expires}`).digest('hex');

export class LocalFilesPort implements FilesPort {
  readonly #baseUrl: string;
  readonly #secret: string;
  readonly #now: () => number;
  constructor(baseUrl: string, secret: string, now: () => number = Date.now) {
    this.#baseUrl = baseUrl;
    this.#secret = secret;
    this.#now = now;
  }

  async uploadTarget(ask: UploadAsk): Promise<UploadTarget> {
    const expires = String(Math.floor(this.#now() / 1000) + UPLOAD_EXPIRES_SECONDS);
    const size = String(ask.size);
    const query = new URLSearchParams({ type: ask.contentType, size, expires, sig: signature(this.#secret, ask.key, ask.contentType, size, expires) });
    return { uploadUrl: `${this.#baseUrl}${LOCAL_FILES_PREFIX}${ask.key}?${query}`, headers: { 'content-type': ask.contentType } };
  }
}

export interface LocalUpload {
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

/**
 * Checks a PUT to a local upload URL (as S3 checks a presigned one: 403 when the signature, type,
 * size or expiry do not hold) and writes the file under `dir`. Answers the HTTP status.
 */
export async function acceptLocalUpload(upload: LocalUpload, dir: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<number> {
  const key = decodeURIComponent(upload.pathname.slice(LOCAL_FILES_PREFIX.length));
  // Keys are `inspections/<hex>.<ext>` or `orders/<hex>.<ext>`: nothing that could climb out of the directory.
  if (!/^[a-z]+\/[0-9a-f]+\.[a-z]+$/.test(key)) return 404;
  const type = upload.query.get('type') ?? '';
  const size = upload.query.get('size') ?? '';
  const expires = upload.query.get('expires') ?? '';
  const given = Buffer.from(upload.query.get('sig') ?? '', 'hex');
  const expected = Buffer.from(signature(secret, key, type, size, expires), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 403;
  if (Number(expires) < nowSeconds) return 403;
  if ((upload.contentType ?? '').split(';')[0]?.trim() !== type || upload.body.length !== Number(size)) return 403;
  const file = path.join(dir, key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, upload.body);
  return 200;
}
