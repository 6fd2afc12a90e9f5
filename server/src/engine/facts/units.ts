/**
 * Units a figure can carry, with their dimension and factor to a base unit of that dimension, so that
 * "100 km", "100 kilometres" and "100 kilometers" are one value and "62 miles" can be checked against
 * "100 km". Currencies are dimensions of their own: there is no fixed rate to check a conversion by.
 */
export interface Unit {
  /** What is measured: `length`, `area`, `mass`, `volume`, `speed`, `temperature`, `percent`, `points`, `currency:USD`, … */
  dim: string;
  /** Multiply by this (after adding `offset`) to get the dimension's base unit. */
  factor: number;
  offset?: number;
  /** A short canonical name for messages ("km", "miles"). */
  name: string;
}

const U = (dim: string, factor: number, name: string, offset?: number): Unit => ({ dim, factor, name, offset });

const KM = U('length', 1000, 'km');
const M = U('length', 1, 'm');
const MILE = U('length', 1609.344, 'miles');
const SQ_KM = U('area', 1e6, 'sq km');
const SQ_MILE = U('area', 2_589_988.11, 'sq miles');
const KG = U('mass', 1, 'kg');
const LB = U('mass', 0.45359237, 'pounds');
const CELSIUS = U('temperature', 1, '°C');
const FAHRENHEIT = U('temperature', 5 / 9, '°F', -32);

/** Unit words as they appear after a figure, lower-cased, longest first when matched. */
const UNIT_WORDS: Array<[string, Unit]> = [
  ['square kilometers', SQ_KM], ['square kilometres', SQ_KM], ['square kilometer', SQ_KM], ['square kilometre', SQ_KM],
  ['sq km', SQ_KM], ['km2', SQ_KM], ['km²', SQ_KM], ['square miles', SQ_MILE], ['square mile', SQ_MILE], ['sq miles', SQ_MILE],
  ['sq mi', SQ_MILE], ['hectares', U('area', 1e4, 'hectares')], ['hectare', U('area', 1e4, 'hectares')],
  ['acres', U('area', 4046.8564224, 'acres')], ['acre', U('area', 4046.8564224, 'acres')],
  ['square meters', U('area', 1, 'sq m')], ['square metres', U('area', 1, 'sq m')], ['square feet', U('area', 0.09290304, 'sq ft')],
  ['nautical miles', U('length', 1852, 'nautical miles')], ['nautical mile', U('length', 1852, 'nautical miles')],
  ['kilometers', KM], ['kilometres', KM], ['kilometer', KM], ['kilometre', KM], ['km', KM], ['kms', KM],
  ['meters', M], ['metres', M], ['meter', M], ['metre', M], ['centimeters', U('length', 0.01, 'cm')], ['centimetres', U('length', 0.01, 'cm')],
  ['cm', U('length', 0.01, 'cm')], ['millimeters', U('length', 0.001, 'mm')], ['millimetres', U('length', 0.001, 'mm')], ['mm', U('length', 0.001, 'mm')],
  ['miles', MILE], ['mile', MILE], ['mi', MILE], ['feet', U('length', 0.3048, 'feet')], ['foot', U('length', 0.3048, 'feet')],
  ['ft', U('length', 0.3048, 'feet')], ['yards', U('length', 0.9144, 'yards')], ['yard', U('length', 0.9144, 'yards')],
  ['inches', U('length', 0.0254, 'inches')], ['inch', U('length', 0.0254, 'inches')],
  ['kilograms', KG], ['kilogrammes', KG], ['kilogram', KG], ['kg', KG], ['kgs', KG],
  ['metric tons', U('mass', 1000, 'tonnes')], ['tonnes', U('mass', 1000, 'tonnes')], ['tonne', U('mass', 1000, 'tonnes')],
  ['pounds', LB], ['pound', LB], ['lbs', LB], ['lb', LB],
  ['liters', U('volume', 1, 'liters')], ['litres', U('volume', 1, 'liters')], ['liter', U('volume', 1, 'liters')], ['litre', U('volume', 1, 'liters')],
  ['gallons', U('volume', 3.785411784, 'gallons')], ['gallon', U('volume', 3.785411784, 'gallons')],
  ['barrels', U('volume', 158.987294928, 'barrels')], ['barrel', U('volume', 158.987294928, 'barrels')],
  ['km/h', U('speed', 1, 'km/h')], ['kph', U('speed', 1, 'km/h')], ['kmh', U('speed', 1, 'km/h')], ['mph', U('speed', 1.609344, 'mph')],
  ['degrees celsius', CELSIUS], ['degrees centigrade', CELSIUS], ['°c', CELSIUS], ['degrees fahrenheit', FAHRENHEIT], ['°f', FAHRENHEIT],
  ['percentage points', U('points', 1, 'percentage points')], ['percentage point', U('points', 1, 'percentage points')],
  ['percent', U('percent', 1, 'percent')], ['per cent', U('percent', 1, 'percent')], ['pct', U('percent', 1, 'percent')], ['%', U('percent', 1, 'percent')],
  ['dollars', U('currency:USD', 1, 'dollars')], ['dollar', U('currency:USD', 1, 'dollars')],
  ['euros', U('currency:EUR', 1, 'euros')], ['euro', U('currency:EUR', 1, 'euros')],
  ['yuan', U('currency:CNY', 1, 'yuan')], ['yen', U('currency:JPY', 1, 'yen')],
  ['rubles', U('currency:RUB', 1, 'rubles')], ['roubles', U('currency:RUB', 1, 'rubles')], ['ruble', U('currency:RUB', 1, 'rubles')], ['rouble', U('currency:RUB', 1, 'rubles')],
];
UNIT_WORDS.sort((x, y) => y[0].length - x[0].length);

/** Currency signs written before a figure. */
export const CURRENCY_SIGNS: Array<[string, Unit]> = [
  ['US$', U('currency:USD', 1, 'dollars')], ['$', U('currency:USD', 1, 'dollars')], ['€', U('currency:EUR', 1, 'euros')],
  ['£', U('currency:GBP', 1, 'pounds')], ['¥', U('currency:JPY', 1, 'yen')],
];

/** Money in pounds is written "10 million pounds"; a weight seldom carries a scale word. */
export const POUND_STERLING = U('currency:GBP', 1, 'pounds');

/**
 * The unit written at the start of `rest` (after a figure), with the length of text it takes.
 * Words must end at a word boundary ("km" but not "kmart").
 */
export function unitAt(rest: string): { unit: Unit; length: number } | null {
  const lower = rest.slice(0, 24).toLowerCase();
  for (const [word, unit] of UNIT_WORDS) {
    if (!lower.startsWith(word)) continue;
    const next = lower.charAt(word.length);
    if (/[\p{L}\p{N}]/u.test(next) && /[\p{L}]$/u.test(word)) continue;
    return { unit, length: word.length };
  }
  return null;
}

/** Value in the dimension's base unit. */
export function toBase(value: number, unit: Unit): number {
  return (value + (unit.offset ?? 0)) * unit.factor;
}

export function fromBase(value: number, unit: Unit): number {
  return value / unit.factor - (unit.offset ?? 0);
}
