import UPNG from '@pdf-lib/upng';
import type { PdfWriter } from './pdf-writer';

export interface ImageInput {
  bytes: Uint8Array;
  type: 'png' | 'jpeg';
}

export interface EmbeddedImage {
  ref: number;
  width: number;
  height: number;
}

/**
 * A logo or signature as an image XObject, written once per document. JPEG bytes go in unchanged
 * (DCTDecode); PNG is decoded to RGB plus, when it has transparency, an alpha soft mask.
 */
export function embedImage(writer: PdfWriter, image: ImageInput): EmbeddedImage {
  const ref = writer.reserve();
  if (image.type === 'jpeg') {
    const { width, height, components } = jpegSize(image.bytes);
    const space = components === 1 ? '/DeviceGray' : components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
    const decode = components === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
    writer.stream(
      ref,
      `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${space} /BitsPerComponent 8${decode} /Filter /DCTDecode`,
      Buffer.from(image.bytes),
      false,
    );
    return { ref, width, height };
  }
  const copy = new Uint8Array(image.bytes); // UPNG wants an ArrayBuffer of its own
  const png = UPNG.decode(copy.buffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(png)[0]!);
  const pixels = png.width * png.height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  let opaque = true;
  for (let i = 0; i < pixels; i++) {
    rgb[i * 3] = rgba[i * 4]!;
    rgb[i * 3 + 1] = rgba[i * 4 + 1]!;
    rgb[i * 3 + 2] = rgba[i * 4 + 2]!;
    alpha[i] = rgba[i * 4 + 3]!;
    if (alpha[i] !== 255) opaque = false;
  }
  let smask = '';
  if (!opaque) {
    const maskRef = writer.reserve();
    writer.stream(
      maskRef,
      `/Type /XObject /Subtype /Image /Width ${png.width} /Height ${png.height} /ColorSpace /DeviceGray /BitsPerComponent 8`,
      alpha,
    );
    smask = ` /SMask ${maskRef} 0 R`;
  }
  writer.stream(
    ref,
    `/Type /XObject /Subtype /Image /Width ${png.width} /Height ${png.height} /ColorSpace /DeviceRGB /BitsPerComponent 8${smask}`,
    rgb,
  );
  return { ref, width: png.width, height: png.height };
}

/** Width, height and components from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Uint8Array): { width: number; height: number; components: number } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('Not a JPEG file');
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error('Corrupt JPEG file');
    const marker = bytes[i + 1]!;
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return {
        height: (bytes[i + 5]! << 8) | bytes[i + 6]!,
        width: (bytes[i + 7]! << 8) | bytes[i + 8]!,
        components: bytes[i + 9]!,
      };
    i += 2 + length;
  }
  throw new Error('JPEG file without a frame header');
}
