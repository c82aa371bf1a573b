/** A labelled on/off switch on Radix Switch. */
import { Switch } from 'radix-ui';
import { useId, type ReactNode } from 'react';

interface ToggleProps {
  checked: boolean;
  onChange(checked: boolean): void;
  label: ReactNode;
  help?: ReactNode;
  disabled?: boolean;
  hideLabel?: boolean;
}

export function Toggle({ checked, onChange, label, help, disabled, hideLabel }: ToggleProps) {
  const id = useId();
  return (
    <div className="switch-row">
      <Switch.Root id={id} className="switch" checked={checked} onCheckedChange={onChange} disabled={disabled} aria-describedby={help ? `${id}-help` : undefined}>
        <Switch.Thumb className="switch-thumb" />
      </Switch.Root>
      <div className="stack" style={{ gap: 2 }}>
        <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'} style={{ fontWeight: 500, cursor: 'pointer' }}>
          {label}
        </label>
        {help ? (
          <span id={`${id}-help`} className="field-help">
            {help}
          </span>
        ) : null}
      </div>
    </div>
  );
}
