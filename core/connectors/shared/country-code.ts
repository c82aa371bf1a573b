/**
 * A country as both apps and every template compare it: the ISO 3166-1 alpha-2 code in capitals,
 * without spaces ("nl", " NL " → "NL"). People type codes in any case; the tables in the settings
 * (VAT method, revenue account, VAT code per country) are in capitals, and one template matching
 * case-insensitively while another does not made "nl" pass one flow and fail the next. Anything
 * that is not two letters is kept as written (trimmed), so an unknown value is named as it was
 * typed; an empty one is no country.
 */
export function countryCode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  return /^[a-z]{2}$/i.test(text) ? text.toUpperCase() : text;
}
