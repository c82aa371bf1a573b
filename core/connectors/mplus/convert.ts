/**
 * Every conversion between MplusKASSA's wire values and Sincro's JS shapes lives here:
 *
 * - money: `xs:long` amounts are already integer cents and stay so; the few `xs:decimal` money
 *   fields (currency units, e.g. "12.50") are turned into integer cents too, so a JS shape never
 *   mixes the two;
 * - quantities: the wire's integer + `…DecimalPlaces` pair (530 + 3) becomes one decimal number
 *   (0.53) and back;
 * - dates: `SoapMplusDate` ↔ `YYYY-MM-DD`, `SoapMplusDateTime` ↔ ISO 8601 with the Europe/Amsterdam
 *   offset (`2026-03-01T10:15:00+01:00`); the zero date means "not set";
 * - scalars by XSD built-in type (integers, booleans, decimals).
 *
 * Enums stay the hyphenated wire strings; their literal unions come from the WSDL (schemas.ts).
 */
import { MplusShapeError } from './errors';

// ---------------------------------------------------------------- money

export function eurosToCents(euros: number): number {
  if (!Number.isFinite(euros)) throw new RangeError(`not an amount: ${euros}`);
  return Math.round(euros * 100 + Math.sign(euros) * 1e-9);
}

export function centsToEuros(cents: number): number {
  return cents / 100;
}

/** "12.5" / "-0.05" / "3" (currency units) → integer cents, without going through a float. */
export function centsFromDecimalText(text: string, path = ''): number {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new MplusShapeError(path, `"${text}" is not a decimal amount`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  const cents = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] === '-' ? -cents : cents;
}

export function decimalTextFromCents(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `xs:decimal` fields that hold money in currency units; the JS shapes carry them as cents. */
export const decimalMoneyFields: Readonly<Record<string, readonly string[]>> = {
  Relation: ['invoiceCredit', 'accountBalance'],
  LineData: ['averagePurchasePrice'],
  SalesLineContractLine: ['priceIncl', 'priceExcl', 'amountIncl', 'amountExcl'],
};

// ---------------------------------------------------------------- quantities

/** [value field, its decimal-places field] per complex type. */
export const scaledPairs: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  LineData: [
    ['quantity', 'decimalPlaces'],
    ['deliveredQuantity', 'deliveredDecimalPlaces'],
    ['cancelledQuantity', 'cancelledDecimalPlaces'],
    ['exchangeRateBuyPrice', 'exchangeRateBuyPriceDecimalPlaces'],
    ['exchangeRateSellPrice', 'exchangeRateSellPriceDecimalPlaces'],
  ],
  Article: [
    ['contentQuantity', 'contentQuantityDecimalPlaces'],
    ['orderQuantityValue', 'orderQuantityDecimalPlaces'],
    ['exchangeRateBuyPrice', 'exchangeRateBuyPriceDecimalPlaces'],
    ['exchangeRateSellPrice', 'exchangeRateSellPriceDecimalPlaces'],
  ],
  ArticleStock: [
    ['amountFree', 'decimalPlacesFree'],
    ['amountReserved', 'decimalPlacesReserved'],
    ['amountIncoming', 'decimalPlacesIncoming'],
  ],
  UpdateStockRequest: [['amountChanged', 'decimalPlaces']],
  Barcode: [
    ['quantity', 'decimalPlaces'],
    ['contentQuantity', 'contentQuantityDecimalPlaces'],
  ],
  ComponentArticle: [
    ['quantity', 'decimalPlaces'],
    ['contentQuantity', 'contentQuantityDecimalPlaces'],
  ],
  LinkedArticle: [['quantity', 'decimalPlaces']],
  RelationArticleDiscount: [['minimumAmount', 'minimumAmountDecimalPlaces']],
  CustomField: [['intValue', 'decimalPlaces']],
};

const MAX_DECIMAL_PLACES = 9;

/** 2.5 → { amount: 25, decimalPlaces: 1 }; 0.53 → { 53, 2 }; 3 → { 3, 0 }. */
export function scaleQuantity(value: number, path = ''): { amount: number; decimalPlaces: number } {
  if (!Number.isFinite(value)) throw new MplusShapeError(path, `${value} is not a quantity`);
  for (let places = 0; places <= MAX_DECIMAL_PLACES; places++) {
    const amount = Math.round(value * 10 ** places);
    if (Math.abs(amount / 10 ** places - value) <= 1e-12 * Math.max(1, Math.abs(value))) {
      if (!Number.isSafeInteger(amount)) break;
      return { amount, decimalPlaces: places };
    }
  }
  throw new MplusShapeError(path, `${value} has more than ${MAX_DECIMAL_PLACES} decimals`);
}

/** Absent decimal places mean 0 (the vendor's examples send quantity=1 without them). */
export function unscaleQuantity(amount: number, decimalPlaces = 0): number {
  return decimalPlaces === 0 ? amount : Number((amount / 10 ** decimalPlaces).toFixed(decimalPlaces));
}

// ---------------------------------------------------------------- dates

export interface MplusDate {
  day: number;
  mon: number;
  year: number;
}

export interface MplusDateTime extends MplusDate {
  sec: number;
  min: number;
  hour: number;
  isdst: boolean;
  timezone: number;
}

const TZ = 'Europe/Amsterdam';
const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface WallClock {
  year: number;
  mon: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
}

function wallClockAt(ms: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormat.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, mon: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, min: parts.minute ?? 0, sec: parts.second ?? 0 };
}

const utcOf = (w: WallClock) => Date.UTC(w.year, w.mon - 1, w.day, w.hour, w.min, w.sec);

/** Minutes east of UTC in Amsterdam at this instant (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(ms: number): number {
  return Math.round((utcOf(wallClockAt(ms)) - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The instant of an Amsterdam wall-clock time (in the autumn overlap: the first one). */
export function instantOfAmsterdamWallClock(w: WallClock): number {
  const asUtc = utcOf(w);
  const guess = asUtc - amsterdamOffsetMinutes(asUtc - 3 * 3600_000) * 60000;
  return asUtc - amsterdamOffsetMinutes(guess) * 60000;
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

function isoWithOffset(w: WallClock, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.mon)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.min)}:${pad(w.sec)}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

function validDate(year: number, mon: number, day: number): boolean {
  const d = new Date(Date.UTC(year, mon - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === mon - 1 && d.getUTCDate() === day && year > 0;
}

export function mplusDateToIso(d: MplusDate, path = ''): string | undefined {
  if (d.year === 0 && d.mon === 0 && d.day === 0) return undefined; // the zero date = not set
  if (!validDate(d.year, d.mon, d.day)) throw new MplusShapeError(path, `${d.year}-${d.mon}-${d.day} is not a date`);
  return `${pad(d.year, 4)}-${pad(d.mon)}-${pad(d.day)}`;
}

export function isoToMplusDate(iso: string, path = ''): MplusDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, mon, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || !validDate(year, mon, day)) throw new MplusShapeError(path, `"${iso}" is not a date (expected YYYY-MM-DD)`);
  return { day, mon, year };
}

/**
 * Reads a `SoapMplusDateTime` as Amsterdam wall-clock time. The `timezone` field is ignored
 * [INFERRED]: the official clients disagree on it (one sends the offset, an older one always 0 for
 * local times), so the one reading that fits both is "Amsterdam local time".
 */
export function mplusDateTimeToIso(dt: MplusDateTime, path = ''): string | undefined {
  if (dt.year === 0 && dt.mon === 0 && dt.day === 0) return undefined;
  if (!validDate(dt.year, dt.mon, dt.day) || dt.hour > 23 || dt.min > 59 || dt.sec > 60 || dt.hour < 0 || dt.min < 0 || dt.sec < 0) {
    throw new MplusShapeError(path, `${JSON.stringify(dt)} is not a date-time`);
  }
  const w = { year: dt.year, mon: dt.mon, day: dt.day, hour: dt.hour, min: dt.min, sec: Math.min(dt.sec, 59) };
  return isoWithOffset(w, amsterdamOffsetMinutes(instantOfAmsterdamWallClock(w)));
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO 8601 → `SoapMplusDateTime` in Amsterdam wall-clock time with `timezone` = the Amsterdam UTC
 * offset in minutes and `isdst=false`, as the current official PHP client sends it. A time without
 * an offset is taken as Amsterdam local time already.
 */
export function isoToMplusDateTime(iso: string, path = ''): MplusDateTime {
  const m = ISO_DATE_TIME.exec(iso);
  if (!m) throw new MplusShapeError(path, `"${iso}" is not an ISO 8601 date-time`);
  const given: WallClock = { year: Number(m[1]), mon: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), min: Number(m[5]), sec: Number(m[6] ?? 0) };
  if (!validDate(given.year, given.mon, given.day) || given.hour > 23 || given.min > 59 || given.sec > 59) {
    throw new MplusShapeError(path, `"${iso}" is not a valid date-time`);
  }
  let instant: number;
  if (m[7]) {
    const zone = m[7] === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
    instant = utcOf(given) - zone * 60000;
  } else {
    instant = instantOfAmsterdamWallClock(given);
  }
  const w = wallClockAt(instant);
  return { sec: w.sec, min: w.min, hour: w.hour, day: w.day, mon: w.mon, year: w.year, isdst: false, timezone: amsterdamOffsetMinutes(instant) };
}

/** An instant as the ISO string the JS shapes use (Amsterdam offset). */
export function isoFromInstant(date: Date): string {
  const ms = date.getTime();
  return isoWithOffset(wallClockAt(ms), amsterdamOffsetMinutes(ms));
}

/** Today's date in Amsterdam as YYYY-MM-DD. */
export function amsterdamDate(date: Date): string {
  return isoFromInstant(date).slice(0, 10);
}

// ---------------------------------------------------------------- scalars

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'xs:long': [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  'xs:unsignedLong': [0, Number.MAX_SAFE_INTEGER],
  'xs:int': [-2147483648, 2147483647],
  'xs:unsignedInt': [0, 4294967295],
  'xs:short': [-32768, 32767],
  'xs:unsignedShort': [0, 65535],
  'xs:unsignedByte': [0, 255],
};

export type Scalar = string | number | boolean;

/** Wire text → JS value for an XSD built-in type. */
export function parseScalar(xsType: string, text: string, path: string): Scalar {
  const range = INTEGER_RANGES[xsType];
  if (range) {
    if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new MplusShapeError(path, `"${text}" is not a whole number`);
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new MplusShapeError(path, `${text.trim()} is too large for JavaScript`);
    return n;
  }
  if (xsType === 'xs:boolean') {
    const t = text.trim();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new MplusShapeError(path, `"${text}" is not true or false`);
  }
  if (xsType === 'xs:decimal') {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(text)) throw new MplusShapeError(path, `"${text}" is not a decimal number`);
    return Number(text);
  }
  return text; // xs:string, xs:date, xs:dateTime, xs:base64Binary: kept as text
}

// XML 1.0 cannot carry most control characters, not even escaped.
// eslint-disable-next-line no-control-regex
const XML_INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** JS value → wire text for an XSD built-in type; refuses values the type cannot hold. */
export function formatScalar(xsType: string, value: unknown, path: string): string {
  const range = INTEGER_RANGES[xsType];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new MplusShapeError(path, `expected a whole number, got ${JSON.stringify(value)}`);
    if (value < range[0] || value > range[1]) throw new MplusShapeError(path, `${value} is out of range for ${xsType}`);
    return String(value);
  }
  if (xsType === 'xs:boolean') {
    if (typeof value !== 'boolean') throw new MplusShapeError(path, `expected true or false, got ${JSON.stringify(value)}`);
    return String(value);
  }
  if (xsType === 'xs:decimal') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new MplusShapeError(path, `expected a number, got ${JSON.stringify(value)}`);
    const plain = String(value);
    return /e/i.test(plain) ? value.toFixed(12).replace(/\.?0+$/, '') : plain;
  }
  if (typeof value !== 'string') throw new MplusShapeError(path, `expected text, got ${JSON.stringify(value)}`);
  if (XML_INVALID_CHARS.test(value)) throw new MplusShapeError(path, 'contains a control character that XML cannot carry');
  if (xsType === 'xs:date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new MplusShapeError(path, `"${value}" is not a date (YYYY-MM-DD)`);
  return value;
}
