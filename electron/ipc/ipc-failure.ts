// How a failed IPC call is told to the renderer: HubError's fields travel as data, anything else
// becomes a plain `internal` failure so no stack, path or secret crosses into the window.
import type { z } from 'zod';
import { HubError, type IpcResult } from '../../shared/client.ts';
import { zodDetails } from '../../shared/errors.ts';

export type IpcFailure = Extract<IpcResult<never>, { ok: false }>;

export function failure(code: string, message: string, status: number, details: IpcFailure['error']['details'] = []): IpcFailure {
  return { ok: false, error: { code, message, details, status } };
}

export function invalidArguments(error: z.ZodError): IpcFailure {
  const details = zodDetails(error);
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return failure('invalid_argument', `Invalid request: ${summary}`, 400, details);
}

export function untrustedSender(): IpcFailure {
  return failure('forbidden', 'This window may not talk to the hub.', 403);
}

/** Only HubError is trusted to carry a message meant for the manager; the rest is logged in main. */
export function toIpcFailure(error: unknown): IpcFailure {
  if (error instanceof HubError) {
    return failure(error.code, error.message, error.status, error.details.map((d) => ({ path: d.path, message: d.message })));
  }
  return failure('internal', 'The hub could not complete this request. Details are in the hub log.', 500);
}
