import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files (product pictures) live. One small interface, so that a deployment with
 * several processes can swap the local disk for object storage (S3, MinIO, OSS) later.
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the file; a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are relative paths of safe segments: `market/<uuid>/<uuid>.png`. */
const KEY_RE = /^[a-z0-9-]+(\/[a-zA-Z0-9_-]+)*\/[a-zA-Z0-9_-]+\.[a-z0-9]{1,5}$/;

export function isValidKey(key: string): boolean {
  return KEY_RE.test(key) && !key.includes('..');
}

function checkKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`);
}

/** Files under `<root>` (`<AIXIN_DATA_DIR>/uploads`), written through a temporary file and a rename. */
export function localDiskStorage(root: string): Storage {
  const full = (key: string) => {
    checkKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const file = full(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return await fs.readFile(full(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(full(key), { force: true });
    },
  };
}

export const IMAGE_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
export type ImageType = keyof typeof IMAGE_TYPES;
export const CONTENT_TYPE_OF_EXT: Record<string, ImageType> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** The image type the bytes really are (magic numbers), or null: the declared type is not trusted. */
export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.subarray(0, 4).toString('ascii') === 'RIFF' && b.subarray(8, 12).toString('ascii') === 'WEBP') return 'image/webp';
  return null;
}
