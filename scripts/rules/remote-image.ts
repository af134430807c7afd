import type { Rule } from '../rule.js'
import { assetRefs } from './asset-refs.js'

export const remoteImage: Rule = {
  id: 'remote-image',
  severity: 'warning',
  description:
    'An image loaded over http(s): the build is offline and slides must not depend on a third-party host. Download the image into the project (with its licence) and refer to the local copy.',
  tags: ['images', 'offline'],
  check(deck, ctx, report) {
    for (const ref of assetRefs(deck, ctx)) {
      if (ref.kind !== 'remote') continue
      report({
        line: ref.line,
        column: ref.column,
        file: ref.file,
        message: `${ref.url} is a remote image: the build is offline and the slides must not depend on a third-party host; save it under images/`,
      })
    }
  },
}
