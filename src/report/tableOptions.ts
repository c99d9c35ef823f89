/** How text tables are laid out: the width they must fit, whether every column is shown, colour (report/textTable.ts). */
export interface TextTableOptions {
  /** Columns of text the table may use (default DEFAULT_TABLE_WIDTH); the CLI passes the terminal's width on a terminal. */
  width?: number;
  /** Show every column however wide (`--wide`); otherwise columns that do not fit are left out and named below the table. */
  wide?: boolean;
  /** Bold headers (ANSI): the CLI sets it on a terminal unless NO_COLOR is set (cli/terminal.ts). */
  color?: boolean;
}

/** Width a table fits when nothing else is said: a 100-column terminal. */
export const DEFAULT_TABLE_WIDTH = 100;
