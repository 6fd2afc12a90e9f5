import type { Quantity } from './quantities';
import { fromBase, toBase, type Unit } from './units';

/**
 * Whether a figure written in one unit agrees with a value converted from another, allowing the rounding
 * its writer evidently used: "100 km (60 miles)" is fine (62.1 rounded to tens), "100 km (160 miles)" is
 * not. The allowance is half the step of the last significant digit written, at most a tenth of the
 * figure, and never less than 2 %.
 */
function agreesWithRounding(written: number, step: number, expected: number): boolean {
  const allowance = Math.max(0.02 * Math.abs(expected), Math.min(step, 0.1 * Math.abs(written)));
  return Math.abs(written - expected) <= allowance + 1e-9;
}

function convert(value: number, from: Unit, to: Unit): number {
  return fromBase(toBase(value, from), to);
}

/** A temperature change converts without the offset: warming of 2 °C is 3.6 °F. */
function convertDifference(value: number, from: Unit, to: Unit): number {
  return (value * from.factor) / to.factor;
}

/** Whether `target` correctly restates `source` in its own unit. */
export function conversionHolds(source: Quantity, target: Quantity): boolean {
  const from = source.unit;
  const to = target.unit;
  if (!from || !to || from.dim !== to.dim) return true;
  const holds = (conv: (v: number, f: Unit, t: Unit) => number) =>
    agreesWithRounding(target.low, target.lowStep, conv(source.low, from, to)) &&
    agreesWithRounding(target.high, target.highStep, conv(source.high, from, to));
  return holds(convert) || (from.offset !== to.offset && holds(convertDifference));
}

/** What `target` should read: "62 miles" for the source "100 km". */
export function expectedConversion(source: Quantity, target: Quantity): string {
  if (!source.unit || !target.unit) return target.text;
  const low = convert(source.low, source.unit, target.unit);
  const high = convert(source.high, source.unit, target.unit);
  const shown = low === high ? formatFigure(low) : `${formatFigure(low)}-${formatFigure(high)}`;
  return `${shown} ${target.unit.name}`;
}

export function formatFigure(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 10) return Math.round(v).toLocaleString('en-US');
  if (abs >= 1) return (Math.round(v * 10) / 10).toString();
  return Number(v.toPrecision(2)).toString();
}

/**
 * Whether two reports give the same figure for one fact. Same unit: the same value (reporters copy
 * figures, so any difference is a difference). Different units of one dimension: the same up to the
 * rounding of a conversion.
 */
export function sameFigure(a: Quantity, b: Quantity): boolean {
  if (a.dim !== b.dim) return false;
  if (!a.unit || !b.unit || a.unit.name === b.unit.name) {
    const eq = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    return eq(a.low, b.low) && eq(a.high, b.high);
  }
  return conversionHolds(a, b) || conversionHolds(b, a);
}
