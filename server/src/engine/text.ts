// Bytes → text, with the checks that keep bad input from reaching the parser:
// binary content, invalid UTF-8, a byte-order mark.

export type DecodedText =
  | { ok: true; text: string }
  | { ok: false; reason: 'binary' }
  | { ok: false; reason: 'encoding'; line: number; column: number; byteOffset: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a file's bytes as UTF-8, refusing binary files and reporting the first invalid byte. */
export function decodeText(bytes: Uint8Array): DecodedText {
  // A NUL in the first 8,000 bytes (as git decides): a native search, not a loop per byte.
  if (bytes.subarray(0, 8000).indexOf(0) >= 0) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const byteOffset = firstInvalidUtf8Byte(bytes);
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < byteOffset; i++)
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    // The column counts characters, so decode the valid prefix of the line.
    const column = new TextDecoder().decode(bytes.subarray(lineStart, byteOffset)).length;
    return { ok: false, reason: 'encoding', line, column, byteOffset };
  }
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else return i;
    if (i + extra >= bytes.length) return i;
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return bytes.length;
}
