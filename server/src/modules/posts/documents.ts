import path from 'node:path';
import type { AppContext } from '../../context';
import { AppError } from '../../lib/app-error';
import { newId } from '../../lib/ids';
import { cleanImage } from '../../lib/images';
import { IMAGE_TYPES, localDiskStorage } from '../../lib/storage';
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
  return localDiskStorage(path.join(ctx.config.dataDir, 'uploads'));
}

function tooBig(): AppError {
  return new AppError('VALIDATION_FAILED', undefined, { fields: { 'document.contentBase64': `文件不能超过${MAX_DOCUMENT_BYTES / 1024} KB / The file must be at most ${MAX_DOCUMENT_BYTES / 1024} KB` } });
}

/** Reads, checks and stores a document under `posts/<owner>/`; its stored reference. */
export async function storeDocument(ctx: AppContext, ownerId: string, doc: DocumentUpload): Promise<StoredDocument> {
  const bytes = Buffer.from(doc.contentBase64.replace(/^data:[^,]+,/, ''), 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw tooBig();
  const name = doc.fileName.replace(/[\\/]/g, '_');
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const key = `posts/${ownerId}/${newId()}.pdf`;
    await documentStorage(ctx).put(key, bytes);
    return { key, name, type: 'application/pdf', bytes: bytes.length };
  }
  const clean = await cleanImage(bytes, 'document.contentBase64');
  const key = `posts/${ownerId}/${newId()}.${IMAGE_TYPES[clean.type]}`;
  await documentStorage(ctx).put(key, clean.data);
  return { key, name, type: clean.type, bytes: clean.data.length };
}

export function documentRef(d: { key: string | null; name: string | null; type: string | null; bytes: number | null }, url: string) {
  if (!d.key) return null;
  return { fileName: d.name ?? '', contentType: d.type ?? 'application/octet-stream', sizeBytes: d.bytes ?? 0, url };
}
