import path from 'node:path'
import type { Rule } from '../rule.js'
import { resolveLocal, urlKind } from '../asset-path.js'
import { assetRefs, resolveRef } from './asset-refs.js'

export const assetOutsideProject: Rule = {
  id: 'asset-outside-project',
  severity: 'error',
  description:
    'A local image or link that resolves outside the project folder (`../../etc/passwd`, `/Users/me/figure.png`, `file:///…`, or a symbolic link inside the project that leads out): the published site cannot contain it, and it may expose a private file. Copy the file into the project.',
  tags: ['images', 'links', 'paths', 'security'],
  check(deck, ctx, report) {
    const outside = (url: string, resolvedTo: string) =>
      `${url} resolves to ${resolvedTo}, outside the project folder: copy the file into the project and refer to it there`
    // A deck file that is a symlink out of the project: its text must not be published.
    const self = resolveLocal(path.basename(deck.path), deck.path, ctx.root)
    if (self.ok && self.outside) {
      report({ line: 1, column: 1, message: `this deck is a symlink to ${self.file}, outside the project folder: it is never built; copy the file into slides/` })
    }
    for (const ref of assetRefs(deck, ctx)) {
      if (ref.kind !== 'local') continue
      const resolved = resolveRef(ref, ctx)
      if (resolved.ok && resolved.outside) report({ line: ref.line, column: ref.column, file: ref.file, message: outside(ref.url, resolved.file) })
    }
    for (const link of deck.links) {
      if (urlKind(link.href) !== 'local') continue
      const resolved = resolveLocal(link.href, deck.path, ctx.root)
      if (resolved.ok && resolved.outside) report({ line: link.line, column: link.column, message: outside(link.href, resolved.file) })
    }
  },
}
