/**
 * The window's Content-Security-Policy: the web host's policy (one policy for both hosts). The dev
 * server needs two allowances the built app must not have: the inline React-refresh preamble Vite
 * injects, and its hot-reload WebSocket.
 */
import { CONTENT_SECURITY_POLICY } from '../../core/host/content-security-policy';

export function contentSecurityPolicy(mode: 'built' | 'dev-server'): string {
  if (mode === 'built') return CONTENT_SECURITY_POLICY;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace('connect-src ', 'connect-src ws: ');
}

/** Response headers with our policy in place of any the server sent (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}
