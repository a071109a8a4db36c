// The one IPC registrar: every operation of the shared OPERATIONS map gets a handler that checks
// the sender is our window, validates the arguments with the shared validator and hands the call
// to the hub core. Pushes hub changes to the window. No `electron` import: tested under Node.
import { CHANGE_CHANNEL, OPERATIONS, type HubOperations, type IpcResult, type OperationName } from '../../shared/client.ts';
import type { Hub } from '../hub/hub-types.ts';
import type { IpcMainLike, WebContentsLike } from './ipc-like.ts';
import { invalidArguments, toIpcFailure, untrustedSender } from './ipc-failure.ts';

export interface HubIpcOptions<Event> {
  ipcMain: IpcMainLike<Event>;
  hub: Pick<Hub, 'service' | 'onChange'>;
  /** True only for our own window's top frame showing our renderer. */
  isTrustedSender(event: Event): boolean;
  /** The window that hears CHANGE_CHANNEL. */
  target: WebContentsLike;
  /** Errors the renderer only sees as `internal`; main logs them. */
  onInternalError?(operation: OperationName, error: unknown): void;
}

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** Calls one operation with arguments its validator accepted (the validator and the signature are declared together in shared/client.ts). */
function callOperation(service: HubOperations, name: OperationName, args: readonly unknown[]): Promise<unknown> {
  const method = service[name] as (...validated: readonly unknown[]) => Promise<unknown>;
  return method.apply(service, [...args]);
}

/** Registers every handler and the change push; returns the function that removes them all. */
export function registerHubIpc<Event>(options: HubIpcOptions<Event>): () => void {
  const { ipcMain, hub, isTrustedSender, target, onInternalError } = options;
  for (const name of OPERATION_NAMES) {
    const { channel, args: validator } = OPERATIONS[name];
    ipcMain.handle(channel, async (event, ...raw): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event)) return untrustedSender();
      const parsed = validator.safeParse(raw);
      if (!parsed.success) return invalidArguments(parsed.error);
      try {
        return { ok: true, value: await callOperation(hub.service, name, parsed.data) };
      } catch (error) {
        const answer = toIpcFailure(error);
        if (answer.error.code === 'internal') onInternalError?.(name, error);
        return answer;
      }
    });
  }
  const unsubscribe = hub.onChange((change) => {
    if (!target.isDestroyed()) target.send(CHANGE_CHANNEL, change);
  });
  return () => {
    unsubscribe();
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(OPERATIONS[name].channel);
  };
}
