/**
 * The page policy of both hosts (the desktop window and `sincro serve`): nothing from elsewhere,
 * scripts only from the app itself, no plugins, no framing.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
