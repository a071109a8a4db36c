// A settings page's form mechanics: the draft against what is saved, the shared validator's errors
// on the fields (they follow the typing once shown), focus on the first bad field after a failed
// Save, the hub's field errors, Cancel and the unsaved-changes guard. The Monitoring form uses it;
// the Webhooks form does the same by hand (settings-form.tsx).
import { useEffect, useState, type FormEvent } from 'react';
import { HubError } from '../../../shared/client.ts';
import { useUnsavedGuard } from '../router.tsx';
import { fieldId, type FieldErrors } from '../webhooks/form-state.ts';
import { errorText } from './format.ts';

export type Checked<Input> = { ok: true; input: Input } | { ok: false; errors: FieldErrors };

export interface DraftFormOptions<Draft, Input, Saved> {
  initial: Draft;
  check: (draft: Draft) => Checked<Input>;
  /** The field that gets focus: the first bad one in page order. */
  firstError: (errors: FieldErrors) => string | undefined;
  save: (input: Input) => Promise<Saved>;
  draftOf: (saved: Saved) => Draft;
  /** What the page says after a save. */
  savedNotice: (saved: Saved) => string;
  onSaved: (saved: Saved) => void;
}

export function useDraftForm<Draft, Input, Saved>(options: DraftFormOptions<Draft, Input, Saved>) {
  const [saved, setSaved] = useState<Draft>(options.initial);
  const [draft, setDraft] = useState<Draft>(options.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
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

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setNotice('');
    if (Object.keys(errors).length > 0) {
      const checked = options.check(next);
      setErrors(checked.ok ? {} : checked.errors);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    setNotice('');
    const checked = options.check(draft);
    if (!checked.ok) return showErrors(checked.errors);
    setSaving(true);
    try {
      const next = await options.save(checked.input);
      const fresh = options.draftOf(next);
      setSaved(fresh);
      setDraft(fresh);
      setErrors({});
      setNotice(options.savedNotice(next));
      options.onSaved(next);
    } catch (error) {
      if (error instanceof HubError && error.details.length > 0) {
        showErrors(Object.fromEntries(error.details.map((detail) => [detail.path, detail.message])));
      }
      setFormError(`Not saved: ${errorText(error)}`);
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    setDraft(saved);
    setErrors({});
    setFormError('');
    setNotice('Changes discarded.');
  };

  const errorCount = Object.keys(errors).length;
  const alert = formError || (errorCount > 0 ? `Please fix ${errorCount === 1 ? 'the field' : `${errorCount} fields`} marked in red.` : '');
  return { draft, change, errors, dirty, saving, notice, alert, submit, cancel };
}
