// The POS back office YES/NO toggle, as a real radio group (arrow keys move between the two).
import { useId } from 'react';

interface YesNoProps {
  legend: string;
  /** Keeps the legend for screen readers only, when the row already says what it is. */
  hideLegend?: boolean;
  value: boolean;
  onChange: (value: boolean) => void;
  describedBy?: string;
}

export function YesNo({ legend, hideLegend, value, onChange, describedBy }: YesNoProps) {
  const name = useId();
  return (
    <fieldset className="yes-no" aria-describedby={describedBy}>
      <legend className={hideLegend ? 'sr-only' : undefined}>{legend}</legend>
      <span className="yes-no-options">
        {[true, false].map((option) => (
          <label key={String(option)} className="yes-no-option">
            <input type="radio" name={name} checked={value === option} onChange={() => onChange(option)} />
            <span>{option ? 'YES' : 'NO'}</span>
          </label>
        ))}
      </span>
    </fieldset>
  );
}
