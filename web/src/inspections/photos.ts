/**
 * Uploading one inspection photo: the API says where (POST /v1/inspections/uploads: a presigned S3
 * PUT in the cloud, the local API's upload route locally) and the browser PUTs the file there
 * itself with exactly the headers given, so the bytes never pass through the API. Type and size
 * are checked here first (the API checks them again) so the inspector hears at once what is wrong.
 */
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '#shared/schemas/inspection.ts';
import type { ApiClient } from '../api/client.ts';

export type PhotoProblem = 'type' | 'size';

/** Why this file may not be sent, or undefined when it may. */
export function photoProblem(file: Pick<File, 'type' | 'size'>): PhotoProblem | undefined {
  if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > PHOTO_MAX_BYTES || file.size === 0) return 'size';
  return undefined;
}

/**
 * Uploads the photo; resolves with its key for the inspection, rejects when the PUT is refused.
 * A local upload URL is a path on the API (`apiUrl`, "" for the page's own origin).
 */
export async function uploadPhoto(api: ApiClient, file: File, apiUrl: string, fetcher: typeof fetch = fetch): Promise<string> {
  return uploadPhotoTo(api, 'createInspectionUpload', file, apiUrl, fetcher);
}

/** The same upload through another feature's upload route (a delivery photo: createOrderUpload). */
export async function uploadPhotoTo(
  api: ApiClient, operation: 'createInspectionUpload' | 'createOrderUpload', file: File, apiUrl: string, fetcher: typeof fetch = fetch,
): Promise<string> {
  const target = await api.call(operation, { body: { contentType: file.type as (typeof PHOTO_TYPES)[number], size: file.size } });
  const url = new URL(target.uploadUrl, new URL(apiUrl || '/', window.location.origin));
  const res = await fetcher(url.href, { method: 'PUT', headers: target.headers, body: file });
  if (!res.ok) throw new Error(`upload refused (${res.status})`);
  return target.key;
}
