/**
 * Money in outputs: what a dataset's numbers are in dollars, and how tables print dollars.
 *
 * A dataset states its units in words (`meta.units`, e.g. "thousands of current USD", "millions of current
 * USD (flows); GDP in millions of constant 2015 USD", "current USD (not thousands)"). `moneyUnitsOf` reads
 * the multiplier and the price basis from those words, for the flows (the part before the first ";") and for
 * GDP (a part that starts "GDP in …"; otherwise the flows' units). Words it cannot read give no money units:
 * the run then reports no dollar figures and says why, rather than guess a scale.
 */
export interface MoneyUnits {
  /** US dollars per unit of the dataset's numbers: 1, 1e3 (thousands), 1e6 (millions), 1e9 (billions). */
  scale: number;
  /** "current USD" (of the data year), "constant YYYY USD", or "USD (price basis not stated)". */
  prices: string;
}

export interface DatasetMoney {
  /** Units of the flows (and of every amount derived from them). */
  flows: MoneyUnits;
  /** Units of `gdp`, when the dataset's words give them separately. */
  gdp: MoneyUnits;
  /** The year whose dollars these are (the data year for current prices). */
  year: number;
}

const SCALE_WORDS: Record<string, number> = { thousands: 1e3, millions: 1e6, billions: 1e9 };
const UNIT_PATTERN = /^\s*(?:(thousands|millions|billions)\s+of\s+)?(?:(current|constant\s+(\d{4}))\s+)?(?:US\s*dollars|USD)\b/i;

function unitsOf(words: string): MoneyUnits | undefined {
  const match = UNIT_PATTERN.exec(words);
  if (!match) return undefined;
  const scale = match[1] ? SCALE_WORDS[match[1].toLowerCase()] : 1;
  // "current USD (not thousands)" and the like: a parenthesis may only confirm the scale, never change it.
  return { scale, prices: match[3] ? `constant ${match[3]} USD` : match[2] ? "current USD" : "USD (price basis not stated)" };
}

/** The dataset's money units from its `meta.units`, or undefined when the words say no scale and currency it can read. */
export function moneyUnitsOf(units: string, year: number): DatasetMoney | undefined {
  const [first, ...rest] = units.split(";");
  const flows = unitsOf(first);
  if (!flows) return undefined;
  const gdpPart = rest.map((part) => /^\s*GDP\s+in\s+(.*)$/i.exec(part)?.[1]).find((x) => x !== undefined);
  const gdp = gdpPart === undefined ? flows : unitsOf(gdpPart);
  if (!gdp) return undefined;
  return { flows, gdp, year };
}

const SUFFIXES: [number, string][] = [
  [1e12, " tn"],
  [1e9, " bn"],
  [1e6, " m"],
];

/**
 * Dollars as tables print them: `$141.4 bn`, `-$3.2 tn`, `$512.3 m`, `$41,250`, `$0.45`; `signed` puts "+" before
 * a positive amount (changes). JSON and CSV keep the full number.
 */
export function formatDollars(value: number, signed = false): string {
  const sign = value < 0 ? "-" : signed && value > 0 ? "+" : "";
  const size = Math.abs(value);
  for (const [at, suffix] of SUFFIXES) {
    // 999.95 bn prints as 1.0 tn, not 1000.0 bn
    if (size >= at * 0.99995) return `${sign}$${(size / at).toFixed(1)}${suffix}`;
  }
  if (size >= 1000) return `${sign}$${Math.round(size).toLocaleString("en-US")}`;
  // below half a cent (rounding noise of a sum that is zero in exact arithmetic) there is nothing to print
  if (size < 0.005) return "$0";
  return `${sign}$${size.toFixed(2)}`;
}

/** "US dollars of 2022", or "US dollars (year not stated)" for data without a year (a user's flows file). */
export function dollarsOf(money: DatasetMoney): string {
  return money.year > 0 ? `US dollars of ${money.year}` : "US dollars (year not stated)";
}
