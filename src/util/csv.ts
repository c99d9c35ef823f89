import { CsvError, parse, type Options } from "csv-parse/sync";
import { TradewindsInputError, message } from "../messages.js";

/** What each csv-parse error means, said without quoting the file (errors never echo a file's content). */
const PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is opened and never closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote closes a cell in the middle of it",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows the closing quote of a cell",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "a row has a different number of cells than the header",
  CSV_RECORD_INCONSISTENT_COLUMNS: "a row has a different number of cells than the header",
  CSV_MAX_RECORD_SIZE: "a row is longer than the parser accepts",
};

/**
 * csv-parse's synchronous parser with its errors turned into input errors naming the file, the line and
 * the problem (a malformed CSV is bad input, exit 2, not an internal error).
 */
export function parseCsv(text: string, options: Options, where: { source: string; what: string }): string[][] {
  try {
    return parse(text, options) as string[][];
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = (err as CsvError & { lines?: number }).lines;
    throw new TradewindsInputError([{ source: where.source, path: line !== undefined ? `line ${line}` : "", value: "", message: message.csvSyntax(where.what, PROBLEMS[err.code] ?? "it cannot be parsed") }]);
  }
}
