import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { cleanImage } from './images';
import { IMAGE_TYPES, localDiskStorage, type Storage } from './storage';

/**
 * Documents people attach (evidence, receipts, minutes): a PDF is kept as sent; a picture is
 * re-encoded (no EXIF, no GPS). The declared type is never trusted: the bytes decide.
 */
export const DOCUMENT_TYPES = [...Object.keys(IMAGE_TYPES), 'application/pdf'] as const;

export interface CleanDocument {
  data: Buffer;
  ext: string;
  type: string;
}

export function isPdf(b: Buffer): boolean {
  return b.length > 8 && b.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** The bytes to store, their extension and type; a file that is neither a PDF nor a readable picture is refused naming `field`. */
export async function cleanDocument(bytes: Buffer, field = 'file'): Promise<CleanDocument> {
  if (isPdf(bytes)) return { data: bytes, ext: 'pdf', type: 'application/pdf' };
  const clean = await cleanImage(bytes, field);
  return { data: clean.data, ext: IMAGE_TYPES[clean.type], type: clean.type };
}

/** The extension a stored document of this type has. */
export function extensionOf(contentType: string): string {
  return contentType === 'application/pdf' ? 'pdf' : (IMAGE_TYPES[contentType as keyof typeof IMAGE_TYPES] ?? 'bin');
}

let uploads: { dir: string; storage: Storage } | null = null;
/** The uploads folder (`<AIXIN_DATA_DIR>/uploads`) every module stores its files in. */
export function uploadsStorage(ctx: { config: { dataDir: string } }): Storage {
  const dir = path.join(ctx.config.dataDir, 'uploads');
  if (!uploads || uploads.dir !== dir) uploads = { dir, storage: localDiskStorage(dir) };
  return uploads.storage;
}

/** Sends a stored document to the person allowed to read it: never cached by a shared cache, a PDF as a download, a picture inline. */
export function sendDocument(reply: FastifyReply, f: { data: Buffer; contentType: string; filename: string }) {
  const disposition = f.contentType === 'application/pdf' ? 'attachment' : 'inline';
  return reply.type(f.contentType).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').header('content-disposition', `${disposition}; filename="${f.filename}"`).send(f.data);
}
