// The one error document every HTTP API of the hub answers with (contract §3).
import type { z } from 'zod';

export interface ErrorDetail { path: string; message: string }
export interface ErrorBody { error: { code: string; message: string; details: ErrorDetail[] } }

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
