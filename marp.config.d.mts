import type { Config } from '@marp-team/marp-cli'
import type { MarpOptions } from '@marp-team/marp-core'

export declare const htmlAllowlist: Record<string, string[] | Record<string, (value: string) => string>>
export declare const safeUrl: (value: string) => string
export declare const marpOptions: MarpOptions
declare const config: Config
export default config
