// The state every partner form shares (its page and Add partner): the draft against what is saved,
// errors that follow the typing once shown, focus on the first bad field after a failed Save, the
// hub's own field errors, and the unsaved-changes guard.
import { useEffect, useState } from 'react';
import { HubError } from '../../../shared/client.ts';
import { useUnsavedGuard } from '../router.tsx';
import { checkDraft, fieldErrorsOf, fieldId, firstErrorPath, isDirty, type Checked, type Draft, type FieldErrors } from './form-state.ts';

export function useDraftForm(initial: () => Draft) {
  const [saved, setSaved] = useState<Draft>(initial);
  const [draft, setDraft] = useState<Draft>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusTick, setFocusTick] = useState(0);
  const dirty = isDirty(draft, saved);
  useUnsavedGuard(dirty);

  useEffect(() => {
    const path = firstErrorPath(errors);
    if (focusTick > 0 && path) document.getElementById(fieldId(path))?.focus();
    // Keyed on the tick alone: focus moves when a save attempt fails, not while typing.
  }, [focusTick]);

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    setFocusTick((tick) => tick + 1);
  };

  return {
    draft,
    saved,
    errors,
    dirty,
    change(patch: Partial<Draft>) {
      const next = { ...draft, ...patch };
      setDraft(next);
      // Once errors are showing, they follow the typing so a fixed field turns back to normal.
      if (Object.keys(errors).length > 0) {
        const checked = checkDraft(next);
        setErrors(checked.ok ? {} : checked.errors);
      }
    },
    /** Validates with the shared schema; shows the errors (and focuses the first) when invalid. */
    check(): Checked {
      const checked = checkDraft(draft);
      if (!checked.ok) showErrors(checked.errors);
      return checked;
    },
    /** A failed save: the hub's per-field details go on their fields. */
    showHubErrors(error: unknown) {
      if (error instanceof HubError && error.details.length > 0) {
        const found = fieldErrorsOf(error.details);
        if (Object.keys(found).length > 0) showErrors(found);
      }
    },
    /** Saved: the new page becomes what the draft is compared with. */
    reset(next: Draft) {
      setSaved(next);
      setDraft(next);
      setErrors({});
    },
    discard() {
      setDraft(saved);
      setErrors({});
    },
  };
}

export type DraftForm = ReturnType<typeof useDraftForm>;
