/** Label, help and error around one form control, wired for screen readers. */
import { AlertCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import type { FlowProblem } from '../../../../core/api/flow-document';
import { fieldProblem } from '../formContext';

interface FieldShellProps {
  id: string;
  label: string;
  help?: string;
  required?: boolean;
  problems?: readonly FlowProblem[];
  children: ReactNode;
  /** Labels that are not for a single input (groups) render as text. */
  asGroup?: boolean;
  aside?: ReactNode;
}

export function FieldShell({ id, label, help, required, problems = [], children, asGroup, aside }: FieldShellProps) {
  return (
    <div className="field" data-field={id}>
      <div className="row" style={{ gap: 6 }}>
        {asGroup ? (
          <span className="field-label" id={`${id}-label`}>
            {label}
            {required ? <span className="req" aria-hidden>*</span> : null}
          </span>
        ) : (
          <label className="field-label" htmlFor={id}>
            {label}
            {required ? <span className="req" aria-hidden>*</span> : null}
          </label>
        )}
        <span className="spacer" />
        {aside}
      </div>
      {children}
      {help ? (
        <span className="field-help" id={`${id}-help`}>
          {help}
        </span>
      ) : null}
      {problems.map((p, i) => (
        <span key={i} className="field-error" id={i === 0 ? `${id}-error` : undefined} role="alert">
          <AlertCircle size={12} aria-hidden style={{ marginTop: 2, flex: 'none' }} />
          {fieldProblem(p.message, p.path)}
        </span>
      ))}
    </div>
  );
}

export function describedBy(id: string, help?: string, problems?: readonly unknown[]): string | undefined {
  const ids = [help ? `${id}-help` : '', problems?.length ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
