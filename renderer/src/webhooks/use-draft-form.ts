// The draft state every partner form shares (its page and Add partner): common/use-draft-form.ts
// bound to the partner page's draft, shared validator and field order.
import { useDraftState } from '../common/use-draft-form.ts';
import { checkDraft, firstErrorPath, type Draft } from './form-state.ts';

export function useDraftForm(initial: () => Draft) {
  return useDraftState({ initial, check: checkDraft, firstError: firstErrorPath });
}

export type DraftForm = ReturnType<typeof useDraftForm>;
