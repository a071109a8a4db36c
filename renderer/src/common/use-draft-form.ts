// A settings page's form mechanics, for every form of the app (a partner's page, Add partner,
// Monitoring): the draft against what is saved, the shared validator's errors on the fields (they
// follow the typing once shown), focus on the first bad field after a failed Save, the hub's field
// errors, and the unsaved-changes guard. useDraftForm adds Save, Cancel and the page's notices for
// a form whose Save is one call; the partner forms do their own Save around useDraftState.
import { useEffect, useState, type FormEvent } from 'react';
import { HubError } from '../../../shared/client.ts';
import { useUnsavedGuard } from '../router.tsx';
import { fieldErrorsOf, fieldId, type FieldErrors } from '../webhooks/form-state.ts';
import { errorText } from './format.ts';

export type Checked<Input> = { ok: true; input: Input } | { ok: false; errors: FieldErrors };

export interface DraftStateOptions<Draft, Input> {
  initial: Draft | (() => Draft);
  check: (draft: Draft) => Checked<Input>;
  /** The field that gets focus: the first bad one in page order. */
  firstError: (errors: FieldErrors) => string | undefined;
}

export function useDraftState<Draft, Input>(options: DraftStateOptions<Draft, Input>) {
  const [saved, setSaved] = useState<Draft>(options.initial);
  const [draft, setDraft] = useState<Draft>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusTick, setFocusTick] = useState(0);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  useUnsavedGuard(dirty);

  useEffect(() => {
    const path = options.firstError(errors);
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
        const checked = options.check(next);
        setErrors(checked.ok ? {} : checked.errors);
      }
    },
    /** Validates with the shared schema; shows the errors (and focuses the first) when invalid. */
    check(): Checked<Input> {
      const checked = options.check(draft);
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

export interface DraftFormOptions<Draft, Input, Saved> extends DraftStateOptions<Draft, Input> {
  save: (input: Input) => Promise<Saved>;
  draftOf: (saved: Saved) => Draft;
  /** What the page says after a save. */
  savedNotice: (saved: Saved) => string;
  onSaved: (saved: Saved) => void;
}

export function useDraftForm<Draft, Input, Saved>(options: DraftFormOptions<Draft, Input, Saved>) {
  const form = useDraftState(options);
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);

  const change = (patch: Partial<Draft>) => {
    form.change(patch);
    setNotice('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    setNotice('');
    const checked = form.check();
    if (!checked.ok) return;
    setSaving(true);
    try {
      const next = await options.save(checked.input);
      form.reset(options.draftOf(next));
      setNotice(options.savedNotice(next));
      options.onSaved(next);
    } catch (error) {
      form.showHubErrors(error);
      setFormError(`Not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    form.discard();
    setFormError('');
    setNotice('Changes discarded.');
  };

  const errorCount = Object.keys(form.errors).length;
  const alert = formError || (errorCount > 0 ? `Please fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked in red.` : '');
  return { draft: form.draft, change, errors: form.errors, dirty: form.dirty, saving, notice, alert, submit, cancel };
}
