/** The apps' names as users know them, for messages and markers ("mplus" → "MplusKASSA"). */
const APP_NAMES: Record<string, string> = { mplus: 'MplusKASSA', teamleader: 'Teamleader' };

export const appName = (app: string): string => APP_NAMES[app] ?? app;

/** The app id of a name as users write it ("mpluskassa" → "mplus"), or undefined. */
export const appOfName = (name: string): string | undefined => Object.keys(APP_NAMES).find((app) => APP_NAMES[app]?.toLowerCase() === name.toLowerCase());
