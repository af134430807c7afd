import { cp, mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deflateSync } from 'node:zlib'

/**
 * A seeded, reproducible synthetic course for the build benchmark: decks of
 * titles, lists, tables, code, math, SVG and PNG images, background images
 * and speaker notes, plus the project's own theme and marp.config.mjs, so
 * every builder (marp-cli and ours) renders the same thing.
 */
export interface CourseOptions {
  decks: number
  slidesPerDeck: number
  seed: number
}

export const DEFAULT_COURSE: CourseOptions = { decks: 10, slidesPerDeck: 45, seed: 7 }

export interface Course {
  root: string
  deckNames: string[]
  slideCount: number
}

/** mulberry32: tiny, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'model data training token attention layer gradient loss batch embedding vector matrix sample ' +
  'inference latency prompt context window weight bias dropout optimizer schedule benchmark dataset ' +
  'evaluation metric precision recall pipeline deployment cache shard memory throughput decoder encoder'
).split(' ')

/**
 * Writes the course into `root` (which must be empty or missing). `repo` is
 * the project whose themes/, marp.config.mjs and node_modules it reuses.
 */
export async function writeSyntheticCourse(root: string, repo: string, options: CourseOptions = DEFAULT_COURSE): Promise<Course> {
  const rand = seededRandom(options.seed)
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
  const sentence = (n: number) => {
    const s = words(n)
    return s[0].toUpperCase() + s.slice(1) + '.'
  }

  await mkdir(path.join(root, 'slides'), { recursive: true })
  await mkdir(path.join(root, 'images'), { recursive: true })
  await cp(path.join(repo, 'themes'), path.join(root, 'themes'), { recursive: true })
  await cp(path.join(repo, 'marp.config.mjs'), path.join(root, 'marp.config.mjs'))
  // The theme's @font-face rules point at ../node_modules.
  await symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'), 'dir')
  await writeFile(
    path.join(root, 'course.config.json'),
    JSON.stringify({ title: 'Synthetic benchmark course', description: `seed ${options.seed}` }, null, 2) + '\n',
  )

  // Two full-slide backgrounds shared by every deck, as real courses share a few.
  await writeFile(path.join(root, 'images/bg-gradient.png'), pngImage(1280, 720, rand, 'smooth'))
  await writeFile(path.join(root, 'images/bg-texture.png'), pngImage(960, 540, rand, 'noisy'))

  const deckNames: string[] = []
  let slideCount = 0
  for (let d = 1; d <= options.decks; d++) {
    const name = `${String(d).padStart(2, '0')}_lecture_${words(1)}`
    deckNames.push(name)
    const svgs = [0, 1, 2].map((i) => `${name}_chart${i}.svg`)
    const pngs = [0, 1].map((i) => `${name}_photo${i}.png`)
    for (const svg of svgs) await writeFile(path.join(root, 'images', svg), svgChart(rand, words(2)))
    for (const png of pngs) await writeFile(path.join(root, 'images', png), pngImage(640, 400, rand, 'noisy'))

    const slides: string[] = []
    slides.push(`<!-- _class: invert -->\n\n# Lecture ${d}: ${sentence(3).slice(0, -1)}\n## ${sentence(5).slice(0, -1)}\n\n<!-- Welcome everyone. ${sentence(12)} -->`)
    for (let s = 1; s < options.slidesPerDeck; s++) {
      const title = `## ${sentence(4).slice(0, -1)}`
      const notes = rand() < 0.7 ? `\n\n<!-- ${sentence(10)} ${sentence(14)} -->` : ''
      const kind = s % 9
      let body: string
      if (kind === 0) body = `# Part ${s / 9}: ${sentence(3).slice(0, -1)}`
      else if (kind === 1) body = `${title}\n\n${Array.from({ length: 5 }, () => `- ${sentence(8)}`).join('\n')}`
      else if (kind === 2) body = `${title}\n\n${table(rand, words)}`
      else if (kind === 3) body = `${title}\n\n\`\`\`python\n${code(rand, words)}\n\`\`\``
      else if (kind === 4)
        body = `${title}\n\nThe loss is $L = -\\sum_{i=1}^{n} y_i \\log \\hat{y}_i$ for ${words(3)}.\n\n$$\n\\mathrm{softmax}(z)_j = \\frac{e^{z_j}}{\\sum_{k=1}^{K} e^{z_k}} \\quad \\text{and} \\quad \\nabla_\\theta J(\\theta) = \\mathbb{E}[${s} \\cdot x]\n$$`
      else if (kind === 5) body = `${title}\n\n![h:380px center ${sentence(6)}](../images/${svgs[s % 3]})`
      else if (kind === 6) body = `${title}\n\n![bg right:40%](../images/${pngs[s % 2]})\n\n- ${sentence(6)}\n- ${sentence(6)}\n- ${sentence(6)}`
      else if (kind === 7) body = `![bg](../images/bg-${s % 2 ? 'gradient' : 'texture'}.png)\n\n${title}\n\n${sentence(12)}`
      else body = `${title}\n\n1. ${sentence(7)}\n2. ${sentence(7)}\n   - ${sentence(5)}\n   - **${words(2)}** and *${words(2)}*\n\n![w:300px ${sentence(4)}](../images/${pngs[(s + 1) % 2]})`
      slides.push(body + notes)
    }
    slideCount += slides.length
    const front = `---\nmarp: true\ntheme: dsi-certificates-theme\npaginate: true\ntitle: Lecture ${d}\ndescription: Synthetic deck ${d} for the build benchmark\nauthor: Bench Author\n---\n\n`
    await writeFile(path.join(root, 'slides', `${name}.md`), front + slides.join('\n\n---\n\n') + '\n')
  }
  return { root, deckNames, slideCount }
}

function table(rand: () => number, words: (n: number) => string): string {
  const rows = [`| ${words(1)} | ${words(1)} | ${words(1)} | score |`, '| --- | --- | --- | ---: |']
  for (let r = 0; r < 5; r++) rows.push(`| ${words(1)} | ${words(2)} | ${words(1)} | ${(rand() * 100).toFixed(1)} |`)
  return rows.join('\n')
}

function code(rand: () => number, words: (n: number) => string): string {
  const id = () => words(1)
  return [
    `def ${id()}_${id()}(${id()}, ${id()}=${Math.floor(rand() * 64)}):`,
    `    """${words(5)}"""`,
    `    result = [${id()} * ${(rand() * 3).toFixed(2)} for ${id()} in range(${Math.floor(rand() * 100)})]`,
    `    if len(result) > ${Math.floor(rand() * 10)}:`,
    `        return sum(result) / len(result)`,
    `    return None`,
  ].join('\n')
}

const SERIES = ['#0B4F8A', '#0F8B8D', '#E4572E', '#F2A541', '#6C4F9E']

function svgChart(rand: () => number, label: string): string {
  const bars = Array.from({ length: 8 }, (_, i) => {
    const h = Math.round(40 + rand() * 220)
    return `<rect x="${60 + i * 62}" y="${300 - h}" width="44" height="${h}" fill="${SERIES[i % SERIES.length]}"/>`
  })
  const points = Array.from({ length: 12 }, (_, i) => `${60 + i * 44},${Math.round(60 + rand() * 120)}`).join(' ')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 340" width="600" height="340" role="img">` +
    `<title>${label}</title><rect width="600" height="340" fill="#F4F7FB"/>` +
    bars.join('') +
    `<polyline points="${points}" fill="none" stroke="#1B2A41" stroke-width="3"/>` +
    `<text x="300" y="330" text-anchor="middle" font-family="sans-serif" font-size="16" fill="#1B2A41">${label}</text></svg>\n`
  )
}

/** An RGB PNG: a smooth gradient, or a photo-like one with noise (which compresses poorly, like photos). */
export function pngImage(width: number, height: number, rand: () => number, style: 'smooth' | 'noisy'): Buffer {
  const [r0, g0, b0] = [rand() * 255, rand() * 255, rand() * 255]
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const noise = style === 'noisy' ? (rand() - 0.5) * 40 : 0
      const i = row + 1 + x * 3
      raw[i] = clamp(r0 * (1 - x / width) + 255 * (x / width) * 0.3 + noise)
      raw[i + 1] = clamp(g0 * (1 - y / height) + 120 * (y / height) + noise)
      raw[i + 2] = clamp(b0 + Math.sin((x + y) / 40) * 30 + noise)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)))

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * The (e) scenario's edit: changes the text of one slide of one deck, the
 * way an author fixes a typo. Returns the edited source.
 */
export function editOneSlide(source: string, slide: number): string {
  const parts = source.split('\n\n---\n\n')
  if (slide < 1 || slide >= parts.length) throw new Error(`no slide ${slide} to edit`)
  parts[slide] = parts[slide].replace(/^(##? .*)$/m, '$1 (revised)')
  return parts.join('\n\n---\n\n')
}
