import { describe, expect, it } from 'vitest'
import { imagePixelSize } from '../scripts/image-size.js'

/** A PNG signature and IHDR chunk: all imagePixelSize reads. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b)
  b.writeUInt32BE(13, 8)
  b.write('IHDR', 12, 'latin1')
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  return b
}

/** SOI, an APP0 segment to skip, then a baseline start-of-frame. */
function jpegHeader(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0])
  const frame = Buffer.alloc(19)
  frame.writeUInt16BE(0xff00 | sof, 0)
  frame.writeUInt16BE(17, 2)
  frame[4] = 8
  frame.writeUInt16BE(height, 5)
  frame.writeUInt16BE(width, 7)
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame])
}

describe('imagePixelSize', () => {
  it('reads a PNG header', () => {
    expect(imagePixelSize(pngHeader(1920, 1080))).toEqual({ width: 1920, height: 1080 })
  })

  it('skips JPEG segments to the start of frame, baseline or progressive', () => {
    expect(imagePixelSize(jpegHeader(1280, 720))).toEqual({ width: 1280, height: 720 })
    expect(imagePixelSize(jpegHeader(640, 480, 0xc2))).toEqual({ width: 640, height: 480 })
  })

  it('gives undefined for other bytes, truncated files and broken segments', () => {
    expect(imagePixelSize(Buffer.from('GIF89a........'))).toBeUndefined()
    expect(imagePixelSize(jpegHeader(1280, 720).subarray(0, 24))).toBeUndefined()
    const broken = jpegHeader(1280, 720)
    broken[20] = 0x00 // the frame marker no longer starts with 0xff
    expect(imagePixelSize(broken)).toBeUndefined()
    expect(imagePixelSize(new Uint8Array())).toBeUndefined()
  })
})
