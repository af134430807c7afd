import type { Rule } from '../rule.js'
import { registeredThemeNames } from '../themes.js'
import { closest } from '../suggest.js'

export const themeUnknown: Rule = {
  id: 'theme-unknown',
  severity: 'error',
  description:
    "The deck's `theme` is not a registered theme (Marp's built-ins or a themes/*.css file whose `/* @theme name */` matches). Marp would quietly fall back to the default theme. The message suggests the closest registered name.",
  tags: ['themes'],
  check(deck, ctx, report) {
    if (!deck.theme) return
    const names = registeredThemeNames(ctx.themes)
    if (names.includes(deck.theme)) return
    const directive = [...deck.directives].reverse().find((d) => d.name === 'theme' && !d.scoped)
    const suggestion = closest(deck.theme, names)
    report({
      line: directive?.line ?? 1,
      column: directive?.column ?? 1,
      message:
        `theme "${deck.theme}" is not registered, so Marp would fall back to the default theme; ` +
        (suggestion ? `did you mean "${suggestion}"?` : `registered themes: ${names.join(', ')}`),
    })
  },
}
