/**
 * A text cell for CSV that no spreadsheet runs as a formula (OWASP, "CSV Injection"): a cell that
 * begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which spreadsheets
 * show as text. Only text cells pass here — scenario, phase, group and country names; numbers are
 * written as numbers (a negative change stays −1.5, not '−1.5), and quoting is csv-stringify's.
 */
export function csvTextCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The first characters that make a spreadsheet read a cell as a formula or a command. */
const FORMULA_START = /^[=+\-@\t\r]/;
