import { AppError } from './app-error';
import { sniffImageType, type ImageType } from './storage';

/** A picture as stored: decoded and encoded again, so nothing but the pixels survives. */
export interface CleanImage {
  data: Buffer;
  type: ImageType;
}

/** Pictures larger than this on either side are scaled down; anything over 40 megapixels is refused. */
const MAX_SIDE = 2048;
const MAX_INPUT_PIXELS = 40_000_000;

function unreadable(field: string): AppError {
  return new AppError('VALIDATION_FAILED', '图片无法读取 / The picture cannot be read', {
    fields: { [field]: '只支持 PNG、JPEG、WebP 图片 / Only PNG, JPEG or WebP pictures' },
  });
}

/**
 * Re-encodes an uploaded picture with sharp: turned upright by its EXIF orientation, then
 * written again without any metadata (EXIF with GPS position and camera, XMP, IPTC, comments),
 * in the type its bytes really are (the declared type is not trusted), at most 2048 px a side.
 */
export async function cleanImage(bytes: Buffer, field = 'file'): Promise<CleanImage> {
  const type = sniffImageType(bytes);
  if (!type) throw unreadable(field);
  // sharp (libvips) is loaded on first use: a third of a second of every server start otherwise
  const { default: sharp } = await import('sharp');
  try {
    const img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const data =
      type === 'image/png' ? await img.png({ compressionLevel: 9 }).toBuffer() : type === 'image/webp' ? await img.webp({ quality: 85 }).toBuffer() : await img.jpeg({ quality: 85 }).toBuffer();
    return { data, type };
  } catch {
    throw unreadable(field);
  }
}
