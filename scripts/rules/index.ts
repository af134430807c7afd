/** Every rule, in the order they are documented. Ids are stable: configs refer to them. */
import type { RenderedRule } from '../rendered-rule.js'
import type { Rule } from '../rule.js'
import { assetOutsideProject } from './asset-outside-project.js'
import { citationUnresolved } from './citation-unresolved.js'
import { contrast } from './contrast.js'
import { directiveUnknown } from './directive-unknown.js'
import { duplicateTitle } from './duplicate-title.js'
import { htmlRemoved } from './html-removed.js'
import { imageAltMissing } from './image-alt-missing.js'
import { imageCaseMismatch } from './image-case-mismatch.js'
import { imageMissing } from './image-missing.js'
import { linkMissing } from './link-missing.js'
import { referenceUnused } from './reference-unused.js'
import { remoteImage } from './remote-image.js'
import { slideOverflow } from './slide-overflow.js'
import { spelling } from './spelling.js'
import { themeUnknown } from './theme-unknown.js'

export const RULES: readonly Rule[] = [
  imageMissing,
  imageCaseMismatch,
  assetOutsideProject,
  remoteImage,
  themeUnknown,
  citationUnresolved,
  referenceUnused,
  linkMissing,
  htmlRemoved,
  directiveUnknown,
  imageAltMissing,
  duplicateTitle,
  spelling,
]

/** Rules that need the slides rendered in a browser (build, and `check --render`). */
export const RENDERED_RULES: readonly RenderedRule[] = [slideOverflow, contrast]

export { KNOWN_RULE_IDS, PARSE_RULE_ID, THEME_INVALID_RULE_ID } from './ids.js'
