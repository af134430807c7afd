import type { Rule } from '../rule.js'
import { assetRefs, diskIndex, resolveRef } from './asset-refs.js'

export const imageCaseMismatch: Rule = {
  id: 'image-case-mismatch',
  severity: 'error',
  description:
    'A local image whose file exists only with a different letter case: it works on a Mac or Windows and breaks on Linux and GitHub Pages. The message names the real file.',
  tags: ['images', 'paths'],
  check(deck, ctx, report) {
    for (const ref of assetRefs(deck, ctx)) {
      if (ref.kind !== 'local') continue
      const resolved = resolveRef(ref, ctx)
      if (!resolved.ok || resolved.outside) continue
      const found = diskIndex(ctx).lookup(ctx.root, resolved.relPath)
      if (found.status !== 'case-mismatch') continue
      report({
        line: ref.line,
        column: ref.column,
        file: ref.file,
        message: `${ref.url}: the file on disk is ${found.actual} (letter case differs from ${resolved.relPath}; this breaks on Linux and GitHub Pages)`,
      })
    }
  },
}
