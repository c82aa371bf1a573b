import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/host/content-security-policy';
import { contentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

describe('the window’s Content-Security-Policy', () => {
  it('is the web host’s policy for the built app: scripts from the app only, nothing remote', () => {
    const policy = contentSecurityPolicy('built');
    expect(policy).toBe(CONTENT_SECURITY_POLICY);
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/unsafe-eval|https?:/);
    expect(policy).toContain("object-src 'none'");
  });

  it('allows the dev server’s inline preamble and hot reload only in development', () => {
    const dev = contentSecurityPolicy('dev-server');
    expect(dev).toContain("script-src 'self' 'unsafe-inline';");
    expect(dev).toContain('connect-src ws: ');
    expect(dev).not.toContain('unsafe-eval');
  });

  it('replaces whatever policy a response carried, whatever its header case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'P');
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['P'] });
    expect(withContentSecurityPolicy(undefined, 'P')).toEqual({ 'Content-Security-Policy': ['P'] });
  });
});
