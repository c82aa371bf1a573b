/**
 * A property without a value reaches the client in one of three shapes: `null` (Teamleader's
 * guidelines, [G], and what the live API is known to send even where the blueprint types the
 * property non-nullable), left out, or `""` for text (what the blueprint's non-nullable types allow,
 * and what the sandbox answers). The readers accept all three and give a flow the same `null`.
 *
 * Each case starts from the blueprint's own example response, so every other property stays as
 * Teamleader documents it.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { blueprintEndpoint } from './blueprint/schema-tools';
import type { SincroEndpoint } from './blueprint/sincro-endpoints';
import {
  companyInfoOut,
  companyListItemOut,
  contactInfoOut,
  contactListItemOut,
  creditNoteInfoData,
  creditNoteInfoOut,
  dealListItemOut,
  dealOut,
  departmentOut,
  invoiceInfoOut,
  productInfoOut,
  quotationOut,
  userOut,
} from './schemas-responses';

type Empty = 'null' | 'left out' | 'empty text';
const text: Empty[] = ['null', 'left out', 'empty text'];
const object: Empty[] = ['null', 'left out'];

interface Case {
  endpoint: SincroEndpoint;
  reader: z.ZodType;
  /** Dotted path below `data` (of its first item for a list); `[]` steps into the first array item. */
  path: string;
  shapes: Empty[];
}

/** The six of issue 8 item 10, first; then every other property the sandbox leaves empty the same way. */
const cases: Case[] = [
  { endpoint: 'contacts.info', reader: contactInfoOut, path: 'remarks', shapes: text },
  { endpoint: 'contacts.info', reader: contactInfoOut, path: 'salutation', shapes: text },
  { endpoint: 'companies.info', reader: companyInfoOut, path: 'business_type', shapes: object },
  { endpoint: 'companies.info', reader: companyInfoOut, path: 'remarks', shapes: text },
  { endpoint: 'deals.info', reader: dealOut, path: 'estimated_value', shapes: object },
  { endpoint: 'quotations.info', reader: quotationOut, path: 'document_template', shapes: object },
  { endpoint: 'invoices.info', reader: invoiceInfoOut, path: 'document_template', shapes: object },
  { endpoint: 'products.info', reader: productInfoOut, path: 'configuration', shapes: object },

  { endpoint: 'users.me', reader: userOut, path: 'function', shapes: text },
  { endpoint: 'departments.list', reader: departmentOut, path: 'vat_number', shapes: text },
  ...['first_name', 'website', 'iban', 'bic', 'national_identification_number', 'language'].map((path) => ({ endpoint: 'contacts.info' as const, reader: contactInfoOut, path, shapes: text })),
  ...['companies[].position', 'companies[].secondary_position', 'companies[].division'].map((path) => ({ endpoint: 'contacts.info' as const, reader: contactInfoOut, path, shapes: text })),
  { endpoint: 'contacts.info', reader: contactInfoOut, path: 'birthdate', shapes: object },
  { endpoint: 'contacts.list', reader: contactListItemOut, path: 'primary_address', shapes: object },
  { endpoint: 'contacts.list', reader: contactListItemOut, path: 'birthdate', shapes: object },
  ...['vat_number', 'national_identification_number', 'website', 'iban', 'bic', 'language'].map((path) => ({ endpoint: 'companies.info' as const, reader: companyInfoOut, path, shapes: text })),
  { endpoint: 'companies.info', reader: companyInfoOut, path: 'responsible_user', shapes: object },
  ...['business_type', 'responsible_user', 'primary_address'].map((path) => ({ endpoint: 'companies.list' as const, reader: companyListItemOut, path, shapes: object })),
  ...[
    'lead.contact_person',
    'department',
    'estimated_closing_date',
    'estimated_probability',
    'weighted_value',
    'current_phase',
    'responsible_user',
    'closed_at',
    'source',
    'pipeline',
  ].map((path) => ({ endpoint: 'deals.info' as const, reader: dealOut, path, shapes: object })),
  { endpoint: 'deals.list', reader: dealListItemOut, path: 'estimated_value', shapes: object },
  { endpoint: 'quotations.info', reader: quotationOut, path: 'grouped_lines[].section', shapes: object },
  { endpoint: 'quotations.info', reader: quotationOut, path: 'grouped_lines[].line_items[].extended_description', shapes: text },
  { endpoint: 'invoices.info', reader: invoiceInfoOut, path: 'grouped_lines[].section', shapes: object },
  { endpoint: 'creditNotes.info', reader: creditNoteInfoOut, path: 'document_template', shapes: object },
  { endpoint: 'creditNotes.info', reader: creditNoteInfoOut, path: 'grouped_lines[].section', shapes: object },
  { endpoint: 'creditNotes.info', reader: creditNoteInfoOut, path: 'grouped_lines[].line_items[].extended_description', shapes: text },
];

/** The example's `data` (its first item for a list) and the object holding the last step of `path`. */
function locate(endpoint: SincroEndpoint, path: string) {
  const example = blueprintEndpoint(endpoint).responseExample as { data: unknown };
  const data = (Array.isArray(example.data) ? example.data[0] : example.data) as Record<string, unknown>;
  const steps = path.split('.');
  const last = steps.pop() as string;
  let holder: unknown = data;
  for (const step of steps) holder = step.endsWith('[]') ? (holder as Record<string, unknown[]>)[step.slice(0, -2)]?.[0] : (holder as Record<string, unknown>)[step];
  const key = last.endsWith('[]') ? last.slice(0, -2) : last;
  if (!holder || typeof holder !== 'object' || !(key in holder)) throw new Error(`${endpoint}: the example has no ${path}`);
  return { data, holder: holder as Record<string, unknown>, key };
}

function read(reader: z.ZodType, data: unknown, path: string): unknown {
  const parsed = reader.safeParse(data);
  if (!parsed.success) return { issues: parsed.error.issues };
  let value: unknown = parsed.data;
  for (const step of path.split('.')) value = step.endsWith('[]') ? (value as Record<string, unknown[]>)[step.slice(0, -2)]?.[0] : (value as Record<string, unknown>)[step];
  return value;
}

describe('a property without a value reads as null, whichever shape Teamleader gives it', () => {
  for (const { endpoint, reader, path, shapes } of cases) {
    describe(`${endpoint} ${path}`, () => {
      it('keeps the documented value', () => {
        const { data, holder, key } = locate(endpoint, path);
        expect(holder[key]).not.toBeNull();
        expect(read(reader, data, path)).toEqual(holder[key]);
      });
      for (const shape of shapes) {
        it(`reads ${shape} as null`, () => {
          const { data, holder, key } = locate(endpoint, path);
          if (shape === 'null') holder[key] = null;
          else if (shape === 'empty text') holder[key] = '';
          else delete holder[key];
          expect(read(reader, data, path)).toBeNull();
        });
      }
    });
  }
});

describe("creditNotes.info's data: an object, or the blueprint's array of exactly one", () => {
  const note = () => (blueprintEndpoint('creditNotes.info').responseExample as { data: Record<string, unknown>[] }).data[0];

  it('reads an object and an array of one as the same credit note', () => {
    const fromObject = creditNoteInfoData.parse(note());
    expect(fromObject).toMatchObject({ id: '27300f09-6250-4a23-8557-d84c52f99ecf', credit_note_number: '2017/5', currency: 'USD' });
    expect(creditNoteInfoData.parse([note()])).toEqual(fromObject);
  });

  it('refuses an empty array, two credit notes and anything not a credit note', () => {
    expect(creditNoteInfoData.safeParse([]).success).toBe(false);
    expect(creditNoteInfoData.safeParse([note(), note()]).success).toBe(false);
    expect(creditNoteInfoData.safeParse([{ nope: true }]).success).toBe(false);
    expect(creditNoteInfoData.safeParse('27300f09').success).toBe(false);
  });
});
