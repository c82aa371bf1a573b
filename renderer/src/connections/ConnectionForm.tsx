/**
 * A connection's fields: its name, its kind's settings (a form from the kind's schema, rarely
 * changed ones under "More settings") and the secrets a person types — never the tokens a sign-in
 * fills in. Each problem shows at its field.
 */
import { KeyRound } from 'lucide-react';
import { useId } from 'react';
import type { ConnectionKindInfo } from '../../../core/api/contract';
import type { FlowProblem } from '../../../core/api/flow-document';
import { describedBy, FieldShell } from '../inspector/fields/FieldShell';
import { problemsAt } from '../inspector/formContext';
import { SchemaForm } from '../inspector/SchemaForm';
import { asSchema } from '../lib/schema';
import { appName } from '../lib/words';
import { redirectAddress } from './signIn';

export interface ConnectionFields {
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

interface ConnectionFormProps {
  kind: ConnectionKindInfo;
  value: ConnectionFields;
  onChange(next: ConnectionFields): void;
  problems: readonly FlowProblem[];
  /** Editing: secrets already stored (left empty, they stay as they are). */
  storedSecrets?: readonly string[];
}

export function ConnectionForm({ kind, value, onChange, problems, storedSecrets }: ConnectionFormProps) {
  const id = useId();
  const nameProblems = problemsAt(problems, 'name');
  const redirect = redirectAddress(kind, value.config);
  return (
    <div className="stack" style={{ gap: 'var(--space-4)' }}>
      <FieldShell id={`${id}-name`} label="Name" required problems={nameProblems}>
        <input
          id={`${id}-name`}
          className={`input${nameProblems.length ? ' invalid' : ''}`}
          value={value.name}
          aria-invalid={nameProblems.length ? true : undefined}
          aria-describedby={describedBy(`${id}-name`, undefined, nameProblems)}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
        />
      </FieldShell>
      <SchemaForm schema={asSchema(kind.configSchema)} value={value.config} onChange={(config) => onChange({ ...value, config })} path="config" ctx={{ problems }} />
      {kind.secrets.length ? (
        <fieldset className="fieldset">
          <legend className="field-label">
            <KeyRound size={13} aria-hidden /> Secrets
          </legend>
          {kind.secrets.map((s) => {
            const fieldId = `${id}-secret-${s.name}`;
            const own = problemsAt(problems, `secrets.${s.name}`);
            const stored = storedSecrets?.includes(s.name);
            const help = stored ? `Stored. Leave it empty to keep it${s.help ? `; ${s.help.charAt(0).toLowerCase()}${s.help.slice(1)}` : '.'}` : s.help;
            return (
              <FieldShell key={s.name} id={fieldId} label={s.label} help={help} required={!stored} problems={own}>
                <input
                  id={fieldId}
                  className={`input mono${own.length ? ' invalid' : ''}`}
                  type="password"
                  autoComplete="off"
                  placeholder={stored ? '••••••••' : s.placeholder}
                  value={value.secrets[s.name] ?? ''}
                  aria-invalid={own.length ? true : undefined}
                  aria-describedby={describedBy(fieldId, help, own)}
                  onChange={(e) => onChange({ ...value, secrets: { ...value.secrets, [s.name]: e.target.value } })}
                />
              </FieldShell>
            );
          })}
        </fieldset>
      ) : null}
      {redirect ? (
        <p className="callout info small">
          <span>
            After saving, you sign in with {appName(kind.app)}. It sends you back to <code className="mono">{redirect}</code>: register this redirect address in your {appName(kind.app)} integration.
          </span>
        </p>
      ) : null}
    </div>
  );
}
