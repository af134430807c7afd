import type { Rule } from '../rule.js'
import { assetRefs, diskIndex, resolveRef } from './asset-refs.js'
import { missingHint } from './missing-hint.js'

export const imageMissing: Rule = {
  id: 'image-missing',
  severity: 'error',
  description:
    'A local image that does not exist: markdown images (Marp `bg` images included), <img src>, url() in <style> blocks, in backgroundImage directives and in theme CSS (resolved against the CSS file).',
  tags: ['images', 'paths'],
  check(deck, ctx, report) {
    for (const ref of assetRefs(deck, ctx)) {
      if (ref.kind !== 'local') continue
      const resolved = resolveRef(ref, ctx)
      if (!resolved.ok) {
        report({ line: ref.line, column: ref.column, file: ref.file, message: resolved.problem })
        continue
      }
      if (resolved.outside) continue // asset-outside-project reports it
      const found = diskIndex(ctx).lookup(ctx.root, resolved.relPath)
      if (found.status !== 'missing') continue
      report({
        line: ref.line,
        column: ref.column,
        file: ref.file,
        message: `${ref.url}: file not found (looked for ${resolved.relPath})${missingHint(ref.url, resolved.file, ref.baseFile, ctx)}`,
      })
    }
  },
}
