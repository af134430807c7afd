/**
 * Pixel size of a PNG or JPEG from its header, without decoding it. The
 * converter uses it to confirm a screenshot came out at the size it asked
 * for before trusting the fast capture path (see convert.ts).
 */
export interface PixelSize {
  width: number
  height: number
}

export function imagePixelSize(bytes: Uint8Array): PixelSize | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // PNG: signature, then the IHDR chunk with width and height.
  if (b.length >= 24 && b[0] === 0x89 && b.toString('latin1', 1, 4) === 'PNG') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
  }
  // JPEG: walk the marker segments to a start-of-frame (SOF0-SOF3).
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1]
    if (marker >= 0xc0 && marker <= 0xc3) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) }
    i += 2 + b.readUInt16BE(i + 2)
  }
  return undefined
}
