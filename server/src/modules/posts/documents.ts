import type { AppContext } from '../../context';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { cleanDocument, uploadsStorage } from '../../lib/documents';
import type { DocumentUpload } from '@shared/schemas/posts';

/** Documents of the procedure (minutes, notices, agreements): a PDF as sent, or a picture re-encoded without EXIF. */
export const MAX_DOCUMENT_BYTES = 700 * 1024;

export interface StoredDocument {
  key: string;
  name: string;
  type: string;
  bytes: number;
}

export function documentStorage(ctx: AppContext) {
  return uploadsStorage(ctx);
}

function tooBig(): AppError {
  return new AppError('VALIDATION_FAILED', undefined, { fields: { 'document.contentBase64': `文件不能超过${MAX_DOCUMENT_BYTES / 1024} KB / The file must be at most ${MAX_DOCUMENT_BYTES / 1024} KB` } });
}

/** Reads, checks and stores a document under `posts/<owner>/`; its stored reference. */
export async function storeDocument(ctx: AppContext, ownerId: string, doc: DocumentUpload): Promise<StoredDocument> {
  const bytes = Buffer.from(doc.contentBase64.replace(/^data:[^,]+,/, ''), 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooBig();
  const name = doc.fileName.replace(/[\\/]/g, '_');
  const clean = await cleanDocument(bytes, 'document.contentBase64');
  const key = `posts/${ownerId}/${newId()}.${clean.ext}`;
  await documentStorage(ctx).put(key, clean.data);
  return { key, name, type: clean.type, bytes: clean.data.length };
}

export function documentRef(d: { key: string | null; name: string | null; type: string | null; bytes: number | null }, url: string) {
  if (!d.key) return null;
  return { fileName: d.name ?? '', contentType: d.type ?? 'application/octet-stream', sizeBytes: d.bytes ?? 0, url };
}
