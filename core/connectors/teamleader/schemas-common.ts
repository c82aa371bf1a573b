/**
 * Shared building blocks of the Teamleader request and response schemas, following the data
 * structures section of the API Blueprint (`apiary.apib`, "# Data Structures").
 */
import { z } from 'zod';

/**
 * Teamleader ids are UUID-shaped, but many are "version 0" UUIDs that embed legacy integer ids
 * (`f79d3e04-b8dc-0637-…`), so only the 8-4-4-4-12 hex shape is checked, never version or variant.
 */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const id = z.string().regex(UUID_RE, { message: 'must be a Teamleader id (a UUID)' });

/** YYYY-MM-DD */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const date = z.string().regex(DATE_RE, { message: 'must be a date written as YYYY-MM-DD' });

/** ISO 8601 with an offset, e.g. 2016-02-04T16:44:33+00:00 (any timezone is accepted on write). */
export const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
export const dateTime = z.string().regex(DATETIME_RE, { message: 'must be a date and time with an offset, e.g. 2016-02-04T16:44:33+00:00' });

/** Accepts a Date for convenience and sends the format Teamleader uses (UTC, seconds, `+00:00`). */
export const dateTimeInput = z.union([dateTime, z.date().transform(toTeamleaderDateTime)]);

export function toTeamleaderDateTime(d: Date | number): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export const currencyCodes = [
  'BAM', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CZK', 'DKK', 'EUR', 'GBP', 'INR', 'ISK',
  'JPY', 'MAD', 'MXN', 'NOK', 'PEN', 'PLN', 'RON', 'SEK', 'TRY', 'USD', 'ZAR',
] as const;
export const currency = z.enum(currencyCodes);
export type CurrencyCode = z.infer<typeof currency>;

/** Money is a decimal number, not minor units ([G]). */
export const money = z.object({ amount: z.number(), currency });
export type Money = z.infer<typeof money>;

export const telephone = z.object({ type: z.enum(['phone', 'mobile', 'fax']), number: z.string() });
export const companyTelephone = z.object({ type: z.enum(['phone', 'fax']), number: z.string() });

export const addressRequest = z.object({
  line_1: z.string().nullable(),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  area_level_two_id: id.optional(),
});

export const addressTypes = ['primary', 'invoicing', 'delivery', 'visiting'] as const;
export const addressWithAddresseeRequest = addressRequest.extend({ addressee: z.string().optional() });
export const addressEntryRequest = z
  .object({ type: z.enum(addressTypes), address: addressWithAddresseeRequest })
  .refine((a) => a.type !== 'primary' || a.address.addressee === undefined, {
    message: 'must be left out: a primary address can not contain an addressee',
    path: ['address', 'addressee'],
  });
export type AddressEntryRequest = z.infer<typeof addressEntryRequest>;

/** `days` is the "X" of "X days after the invoice date"; not needed for cash ([S] PaymentTerm). */
export const paymentTerm = z
  .object({ type: z.enum(['cash', 'end_of_month', 'after_invoice_date']), days: z.number().int().min(0).optional() })
  .refine((p) => p.type === 'cash' || p.days !== undefined, { message: 'is required unless the type is cash', path: ['days'] });
export type PaymentTerm = z.infer<typeof paymentTerm>;

export const customerRef = z.object({ type: z.enum(['contact', 'company']), id });
export type CustomerRef = z.infer<typeof customerRef>;

const relatedObjectValue = z.object({ type: z.enum(['company', 'contact', 'product', 'user']), id });
export const customFieldValue = z.object({
  id,
  value: z.union([z.string(), z.number(), z.array(z.string()), z.boolean(), relatedObjectValue]),
});

export const commercialDiscount = z.object({
  type: z.literal('percentage'),
  value: z.number().min(0).max(100),
  description: z.string().optional(),
});

export const expectedPaymentMethod = z.union([
  z.object({ method: z.enum(['sepa_direct_debit', 'direct_debit', 'credit_card']), reference: z.string().nullable().optional() }),
  z.object({ method: z.enum(['cash', 'cheque', 'bankers_draft', 'bank_transfer', 'payment_card']) }),
]);

export const periodicity = z.union([
  z.object({ unit: z.literal('week'), period: z.union([z.literal(1), z.literal(2), z.literal(4)]) }),
  z.object({ unit: z.literal('month'), period: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6)]) }),
  z.object({ unit: z.literal('year'), period: z.number().int().min(1).max(10) }),
]);

export const page = z.object({ size: z.number().int().min(1).optional(), number: z.number().int().min(1).optional() });

export function sortOf<const T extends readonly [string, ...string[]]>(fields: T) {
  return z.array(z.object({ field: z.enum(fields), order: z.enum(['asc', 'desc']).optional() }));
}

/**
 * `{ type, id }` as Teamleader returns relations ([G] §1.4). The type is read as any string: a
 * renamed type name must not stop a sync that only needs the id.
 */
export const relation = z.looseObject({ type: z.string(), id: z.string() });
export type Relation = z.infer<typeof relation>;
