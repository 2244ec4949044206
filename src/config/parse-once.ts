/**
 * Options for a zod parse in a run that parses each schema once or twice:
 * zod compiles a fast path per object schema (new Function) on its first
 * parse, which costs a CLI start more than it can save.
 */
export const PARSE_ONCE = { jitless: true } as const;
