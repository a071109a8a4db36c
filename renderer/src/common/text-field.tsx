// A labelled input with its one-line help and inline error, wired for screen readers.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { fieldId } from '../webhooks/form-state.ts';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  path: string;
  label: ReactNode;
  help: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  after?: ReactNode;
}

export function TextField({ path, label, help, error, value, onChange, after, ...input }: TextFieldProps) {
  const id = fieldId(path);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-control">
        <input
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          {...input}
        />
        {after}
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <p id={`${id}-help`} className="help">
        {help}
      </p>
    </div>
  );
}
