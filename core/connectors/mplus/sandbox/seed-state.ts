/**
 * The `state` part of a sandbox seed: records exactly as a running sandbox keeps them, with their
 * sync markers, counters, timestamps, the external ids ever used and the idempotency store. A
 * snapshot of a sandbox (save-seed.ts) writes it, so that a sandbox connection can stop and start
 * again where it was; the loader puts it back as it is, before it adds the seed's other records
 * through the sandbox's rules. People rarely write it by hand.
 */
import { z } from 'zod';
import { articleSchema, employeeSchema, invoiceSchema, isoDateTimeSchema, orderSchema, productSchema, quantitySchema, relationSchema } from '../schemas';

const int = z.number().int();
const positive = int.positive();
const counter = int.min(0);

export const sandboxMarkerNames = ['article', 'articleGroup', 'relation', 'employee', 'order', 'invoice', 'receipt', 'stockId'] as const;

export const seedStateSchema = z.strictObject({
  /** The last value each sequence handed out; the loader never sets one below a marker in the state. */
  syncMarkers: z.strictObject({
    article: counter,
    articleGroup: counter,
    relation: counter,
    employee: counter,
    order: counter,
    invoice: counter,
    receipt: counter,
    stockId: counter,
  }),
  lastOrderNumber: counter.default(0),
  lastInvoiceNumber: counter.default(0),
  employees: z.array(employeeSchema.extend({ employeeNumber: positive })).default([]),
  articleGroups: z
    .array(z.strictObject({ groupNumber: positive, parentGroupNumber: int.min(0), name: z.string(), text: z.string(), sortOrder: int, syncMarker: int, isDeleted: z.boolean() }))
    .default([]),
  relations: z.array(relationSchema.extend({ relationNumber: positive })).default([]),
  products: z.array(productSchema.extend({ productNumber: positive, articleList: z.array(articleSchema.extend({ articleNumber: positive })).default([]) })).default([]),
  stock: z.array(z.strictObject({ articleNumber: positive, amount: quantitySchema, stockId: int, changeTimestamp: isoDateTimeSchema })).default([]),
  orders: z.array(orderSchema.extend({ orderId: z.string().min(1) })).default([]),
  invoices: z.array(invoiceSchema.extend({ invoiceId: z.string().min(1) })).default([]),
  /** Every extOrderId ever used, and the order it went to (an extOrderId can never be used again). */
  usedExtOrderIds: z.array(z.strictObject({ extOrderId: z.string().min(1), orderId: z.string() })).default([]),
  usedExtInvoiceIds: z.array(z.strictObject({ extInvoiceId: z.string().min(1), invoiceId: z.string() })).default([]),
  /** The first answer per idempotency key (`<operation>:<key>`), replayed for a call that reuses the key. */
  idempotency: z.array(z.strictObject({ key: z.string().min(1), response: z.record(z.string(), z.unknown()) })).default([]),
});

export type MplusSeedState = z.output<typeof seedStateSchema>;
