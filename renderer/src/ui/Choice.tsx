/** A select on Radix (accessible listbox). Radix reserves "", so "no value" is its own option. */
import { Select } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';

const NONE = '__none__';

interface ChoiceProps {
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange(value: string | undefined): void;
  placeholder?: string;
  allowNone?: string;
  id?: string;
  ariaLabel?: string;
  ariaInvalid?: boolean;
  ariaDescribedBy?: string;
  small?: boolean;
}

export function Choice({ value, options, onChange, placeholder, allowNone, id, ariaLabel, ariaInvalid, ariaDescribedBy, small }: ChoiceProps) {
  return (
    <Select.Root value={value ?? (allowNone ? NONE : undefined)} onValueChange={(v) => onChange(v === NONE ? undefined : v)}>
      <Select.Trigger id={id} className={`select-trigger${small ? ' input-sm' : ''}`} aria-label={ariaLabel} aria-invalid={ariaInvalid || undefined} aria-describedby={ariaDescribedBy}>
        <Select.Value placeholder={placeholder ?? 'Choose…'} />
        <Select.Icon>
          <ChevronDown size={14} aria-hidden />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content className="select-content" position="popper" sideOffset={4}>
          <Select.Viewport className="select-viewport">
            {allowNone ? (
              <Select.Item value={NONE} className="select-item">
                <Select.ItemIndicator className="select-item-indicator">
                  <Check size={14} />
                </Select.ItemIndicator>
                <Select.ItemText>{allowNone}</Select.ItemText>
              </Select.Item>
            ) : null}
            {options.map((o) => (
              <Select.Item key={o.value} value={o.value} className="select-item">
                <Select.ItemIndicator className="select-item-indicator">
                  <Check size={14} />
                </Select.ItemIndicator>
                <Select.ItemText>{o.label}</Select.ItemText>
              </Select.Item>
            ))}
          </Select.Viewport>
        </Select.Content>
      </Select.Portal>
    </Select.Root>
  );
}
