// The one error document every HTTP API of the hub answers with (contract §3), declared as a zod
// schema so the OpenAPI document describes exactly what is sent.
import { z } from 'zod';

export const errorDetailSchema = z.object({
  /** Dotted path of the bad field (`events.3.check.checkId`), or `(root)`. */
  path: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    /** Stable machine-readable code, e.g. `invalid_event`, `unauthorized`, `not_found`. */
    code: z.string(),
    /** Plain words for a person. */
    message: z.string(),
    details: z.array(errorDetailSchema),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/** Every issue zod found, as `{path, message}` with a dotted path (`events.3.check.checkId`). */
export function zodDetails(error: z.ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.') || '(root)',
    message: issue.message,
  }));
}
