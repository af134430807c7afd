/**
 * cspell-lib with its bundled English dictionaries (US and British spellings
 * both accepted) plus the project's word list, `words.txt` at the root (one
 * word per line, `#` starts a comment). Loading the dictionaries takes
 * seconds, so one validator is built per root and word list and reused for
 * every deck of the run (and of later runs in the same process).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CSpellUserSettings, DocumentValidator } from 'cspell-lib'

export const WORDS_FILE = 'words.txt'

export interface Misspelling {
  /** Offset into the checked text. */
  offset: number
  word: string
  /** Up to three suggestions, best first, without case-only duplicates. */
  suggestions: string[]
}

const MAX_SUGGESTIONS = 3

export function parseWordList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
}

export async function readWordList(root: string): Promise<string[]> {
  try {
    return parseWordList(await readFile(path.join(root, WORDS_FILE), 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

interface Session {
  validator: DocumentValidator
  /** Checks run one at a time: the validator holds one document. */
  queue: Promise<unknown>
}

const sessions = new Map<string, Promise<Session>>()
let defaults: Promise<CSpellUserSettings> | undefined

async function createSession(root: string, words: string[]): Promise<Session> {
  // Loaded on first use: commands that never spell-check (a cached build) do not pay for cspell.
  const { createTextDocument, DocumentValidator, getDefaultSettings, mergeSettings } = await import('cspell-lib')
  defaults ??= getDefaultSettings()
  const settings = mergeSettings(await defaults, {
    language: 'en,en-GB',
    // cspell's default is 500 ms a word; unknown names would make a deck take seconds.
    suggestionsTimeout: 100,
    words,
    // The project's settings are words.txt: never pick up a stray cspell.json.
    noConfigSearch: true,
  })
  const doc = createTextDocument({ uri: pathToFileURL(path.join(root, 'slides', '.spelling.txt')).href, content: '', languageId: 'plaintext' })
  const validator = new DocumentValidator(doc, { generateSuggestions: true, numSuggestions: MAX_SUGGESTIONS * 2, noConfigSearch: true }, settings)
  await validator.prepare()
  const problems = [...(validator.getDictionaryErrors()?.values() ?? [])].flat()
  if (problems.length > 0) throw new Error(`cspell could not load its dictionaries: ${problems[0].message}`)
  return { validator, queue: Promise.resolve() }
}

function session(root: string, words: string[]): Promise<Session> {
  const key = `${root}\n${words.join('\n')}`
  let found = sessions.get(key)
  if (!found) {
    found = createSession(root, words)
    found.catch(() => sessions.delete(key))
    sessions.set(key, found)
  }
  return found
}

function distinctSuggestions(list: string[] | undefined): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const s of list ?? []) {
    const key = s.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(s)
    if (out.length === MAX_SUGGESTIONS) break
  }
  return out
}

/** Unknown words in `text`, in order. */
export async function findMisspellings(text: string, root: string, words: string[]): Promise<Misspelling[]> {
  const s = await session(root, words)
  const run = s.queue.then(async () => {
    await s.validator.updateDocumentText(text)
    return s.validator.checkDocument(true).map((issue) => ({
      offset: issue.offset,
      word: issue.text,
      suggestions: distinctSuggestions(issue.suggestions),
    }))
  })
  s.queue = run.catch(() => undefined)
  return run
}
