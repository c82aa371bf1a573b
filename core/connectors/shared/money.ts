/**
 * Money in whole cents, computed as decimals are written, not as binary floats: 10 × 16.4875 is
 * 164.875 and rounds to 164.88, where floats give 164.87499999999997 and 164.87. Both apps' money
 * models (what a document comes to) and the targets that plan a document's lines to match its
 * source to the cent use these, so the sandboxes and the plans agree by construction.
 *
 * Inputs are numbers with at most six decimals (prices, quantities, percentages, rates); rounding is
 * half away from zero.
 */

const SCALE = 1_000_000n;
const HUNDRED = 100n * SCALE;

/** x as an integer of millionths (16.4875 → 16487500n). */
function scaled(x: number): bigint {
  return BigInt(Math.round(x * 1e6));
}

/** n / d rounded half away from zero. */
function roundDiv(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

/** Euros → whole cents (19.955 → 1996). */
export function cents(euros: number): number {
  return Number(roundDiv(scaled(euros), 10_000n));
}

/** Whole cents → euros (1996 → 19.96), exact for the numbers money has. */
export const euros = (c: number): number => c / 100;

/** quantity × unit price in euros, in cents (10 × 16.4875 → 16488). */
export function timesCents(quantity: number, unitEuros: number): number {
  return Number(roundDiv(scaled(quantity) * scaled(unitEuros), SCALE * 10_000n));
}

/** quantity × unit price in cents, less a discount percentage, rounded once (0.5 × 1995 → 998). */
export function quantityTimesCents(quantity: number, unitCents: number, discountPercent = 0): number {
  return Number(roundDiv(scaled(quantity) * BigInt(unitCents) * (HUNDRED - scaled(discountPercent)), SCALE * HUNDRED));
}

/** An amount in cents less a percentage (or several, one after the other, rounded once). */
export function lessPercent(amountCents: number, ...percents: number[]): number {
  let n = BigInt(amountCents);
  let d = 1n;
  for (const p of percents) {
    n *= HUNDRED - scaled(p);
    d *= HUNDRED;
  }
  return Number(roundDiv(n, d));
}

/** The rate's part of an amount in cents (21 % of 16488 → 3462; rate as a fraction, 0.21). */
export function rateOfCents(amountCents: number, rate: number): number {
  return Number(roundDiv(BigInt(amountCents) * scaled(rate), SCALE));
}

/** The VAT inside an amount that includes it (percentage as a number, 21): 19950 at 21 → 3462. */
export function vatInside(inclCents: number, percentage: number): number {
  return Number(roundDiv(BigInt(inclCents) * scaled(percentage), HUNDRED + scaled(percentage)));
}
