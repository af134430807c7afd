/**
 * Every rule id, without the rules' code. Validating course.config.json and
 * keying the build's cache need only the ids, and importing the rules loads
 * marp-core, MathJax and postcss: a few hundred milliseconds on every start,
 * even for a build with nothing to do. test/rules.test.ts checks these lists
 * against the registry in rules/index.ts.
 */
export const CONTENT_RULE_IDS: readonly string[] = [
  'image-missing',
  'image-case-mismatch',
  'asset-outside-project',
  'remote-image',
  'theme-unknown',
  'citation-unresolved',
  'reference-unused',
  'link-missing',
  'html-removed',
  'directive-unknown',
  'image-alt-missing',
  'duplicate-title',
  'spelling',
]

/** Rules that need the slides rendered in a browser. */
export const RENDERED_RULE_IDS: readonly string[] = ['slide-overflow', 'contrast']

/** Findings the parser makes itself (bad YAML, binary file, invalid CSS). */
export const PARSE_RULE_ID = 'parse-error'
/** A themes/*.css file Marp cannot register (no `@theme` name, or a name taken twice). */
export const THEME_INVALID_RULE_ID = 'theme-invalid'

export const KNOWN_RULE_IDS: readonly string[] = [...CONTENT_RULE_IDS, ...RENDERED_RULE_IDS, PARSE_RULE_ID, THEME_INVALID_RULE_ID]
