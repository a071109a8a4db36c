// Builds the renderer's HubClient from the shared OPERATIONS map over an invoke/subscribe pair
// (Electron's ipcRenderer in the preload). Only the map's channels are ever used: the window
// cannot name a channel of its own.
import { CHANGE_CHANNEL, HubError, OPERATIONS, type HubClient, type HubOperations, type OperationName } from '../../shared/client.ts';
import type { HubChange } from '../../shared/api.ts';
import type { ErrorDetail } from '../../shared/errors.ts';
import type { Invoke, Subscribe } from './ipc-like.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }));
}

/** Unwraps an IpcResult: the value, or a HubError carrying the hub's code, details and status. */
export function unwrapIpcResult(answer: unknown): unknown {
  if (isRecord(answer) && answer.ok === true) return answer.value;
  if (isRecord(answer) && answer.ok === false && isRecord(answer.error)) {
    const { code, message, details, status } = answer.error;
    throw new HubError(
      typeof code === 'string' ? code : 'internal',
      typeof message === 'string' ? message : 'The hub could not complete this request.',
      toDetails(details),
      typeof status === 'number' ? status : 500,
    );
  }
  throw new HubError('internal', 'The hub sent an answer this window does not understand.', [], 500);
}

function isHubChange(value: unknown): value is HubChange {
  return isRecord(value) && typeof value.changed === 'number' && typeof value.at === 'string';
}

export function buildIpcClient(invoke: Invoke, subscribe: Subscribe): HubClient {
  const entries = (Object.keys(OPERATIONS) as OperationName[]).map((name) => {
    const { channel } = OPERATIONS[name];
    const call = async (...args: unknown[]) => unwrapIpcResult(await invoke(channel, ...args));
    return [name, call] as const;
  });
  // Each entry's channel is the one OPERATIONS pairs with that name, so the map is HubOperations.
  const operations = Object.fromEntries(entries) as unknown as HubOperations;
  const onChange: HubClient['onChange'] = (listener) =>
    subscribe(CHANGE_CHANNEL, (payload) => {
      if (isHubChange(payload)) listener({ changed: payload.changed, at: payload.at });
    });
  return { ...operations, onChange };
}
