/**
 * A person's name, split and joined the same way everywhere (MplusKASSA keeps one `name`,
 * Teamleader a first and a last name). The first word is the first name and the rest the last name
 * ("Anna de Vries" → Anna / de Vries, as Dutch and Belgian surnames with a prefix need); a single
 * word is a last name only ("Madonna"), since Teamleader requires a last name and not a first one.
 * Company names are never split.
 */
export interface PersonName {
  firstName?: string;
  lastName: string;
}

export function splitPersonName(full: unknown): PersonName | undefined {
  if (typeof full !== 'string') return undefined;
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  if (words.length === 1) return { lastName: words[0] as string };
  return { firstName: words[0] as string, lastName: words.slice(1).join(' ') };
}

export function joinPersonName(first: unknown, last: unknown): string {
  return [first, last].map((p) => (typeof p === 'string' ? p.trim() : '')).filter(Boolean).join(' ');
}
