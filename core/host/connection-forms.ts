/**
 * Connections as their forms show them: the kind's settings and the secrets a person types (never
 * the tokens a sign-in fills in), each with its words; problems pinned to their field; a config
 * stored in an older shape shown in today's (it keeps working as stored).
 */
import { z } from 'zod';
import type { ConnectionInfo, ConnectionKindInfo } from '../api/contract';
import type { FlowProblem } from '../api/flow-document';
import type { UiHints } from '../api/node-type';
import type { ConnectionKind } from '../connectors/connection-kind';
import { describeIssue, formatPath } from '../flow/validate-flow';

/** "clientId" → "Client id" (a schema without a label). */
const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

type JsonSchema = { properties?: Record<string, UiHints & { description?: string }> };

export function connectionKindInfo(k: ConnectionKind): ConnectionKindInfo {
  const tokens = new Set(k.signIn?.tokenSecrets ?? []);
  const secretSchema = z.toJSONSchema(k.secrets, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const secrets = Object.entries(secretSchema.properties ?? {})
    .filter(([name]) => !tokens.has(name))
    .map(([name, s]) => ({ name, label: s.label ?? humanize(name), ...(s.placeholder ? { placeholder: s.placeholder } : {}), ...((s.help ?? s.description) ? { help: s.help ?? s.description } : {}) }));
  return {
    kind: k.kind,
    app: k.app,
    title: k.title,
    configSchema: z.toJSONSchema(k.config, { io: 'input', unrepresentable: 'any' }),
    secretFields: secrets.map((s) => s.name),
    secrets,
    sandbox: k.kind.endsWith('-sandbox'),
    ...(k.signIn ? { signIn: { portSetting: k.signIn.portSetting, redirectPath: k.signIn.redirectPath, tokenFields: [...k.signIn.tokenSecrets] } } : {}),
  };
}

/** A connection with its config in the shape of its kind's form, and the redirect address of a sign-in kind. */
export function withFormConfig(info: ConnectionInfo, kind: ConnectionKind | undefined): ConnectionInfo {
  const config = kind?.upgradeConfig ? kind.upgradeConfig(info.config) : info.config;
  return { ...info, config, ...withRedirect(kind?.signIn?.redirectUri(config)) };
}

/** A settings or secrets check's problems, each at its field (`config.apiAddress`), in words. */
export function connectionProblems(part: 'config' | 'secrets', result: { success: boolean; error?: z.ZodError }): FlowProblem[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) => ({ path: formatPath([part, ...i.path]), message: describeIssue(i) }));
}

/** The redirect address to register, when the connection has a fixed one. */
const withRedirect = (redirectUri: string | undefined) => (redirectUri ? { redirectUri } : {});
