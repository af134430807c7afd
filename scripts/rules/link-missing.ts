import type { Rule } from '../rule.js'
import { resolveLocal, urlKind } from '../asset-path.js'
import { diskIndex } from './asset-refs.js'
import { missingHint } from './missing-hint.js'

export const linkMissing: Rule = {
  id: 'link-missing',
  severity: 'error',
  description: 'A relative link (markdown or <a href>) to a local file that does not exist, or exists only with a different letter case.',
  tags: ['links', 'paths'],
  check(deck, ctx, report) {
    for (const link of deck.links) {
      if (urlKind(link.href) !== 'local') continue
      const resolved = resolveLocal(link.href, deck.path, ctx.root)
      const at = { line: link.line, column: link.column }
      if (!resolved.ok) {
        if (link.href.trim().replace(/[?#].*$/s, '') !== '') report({ ...at, message: resolved.problem })
        continue
      }
      if (resolved.outside) continue
      const found = diskIndex(ctx).lookup(ctx.root, resolved.relPath)
      if (found.status === 'missing') {
        report({ ...at, message: `${link.href}: file not found (looked for ${resolved.relPath})${missingHint(link.href, resolved.file, deck.path, ctx)}` })
      } else if (found.status === 'case-mismatch') {
        report({ ...at, message: `${link.href}: the file on disk is ${found.actual} (letter case differs; this breaks on Linux and GitHub Pages)` })
      }
    }
  },
}
