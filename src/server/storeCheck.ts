import { existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { TradewindsInputError, message } from "../messages.js";

/**
 * Reads every stored value of an existing store file, read-only, before the server opens it for
 * writing. DuckDB checks each block's checksum as it reads it, so a truncated, damaged or foreign
 * file fails here — with the file and what to do — instead of later on every read while
 * /api/health says ok. Nothing is written: a damaged store is left exactly as it was, for recovery.
 */
export async function checkStoreFile(file: string, settings: Record<string, string>): Promise<void> {
  if (!existsSync(file)) return;
  let instance: DuckDBInstance | undefined;
  try {
    instance = await DuckDBInstance.create(file, { ...settings, access_mode: "READ_ONLY" });
    const connection = await instance.connect();
    const columns = (await connection.runAndReadAll(`SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name, column_index`)).getRowObjectsJS();
    const byTable = new Map<string, string[]>();
    for (const { table_name, column_name } of columns) byTable.set(String(table_name), [...(byTable.get(String(table_name)) ?? []), String(column_name)]);
    for (const [table, names] of byTable) {
      // hash() reads every value (and so every block) of every column; bit_xor keeps the sum small.
      const reads = names.map((c) => `bit_xor(hash(${quoteIdentifier(c)}))`).join(", ");
      await connection.run(`SELECT count(*), ${reads} FROM ${quoteIdentifier(table)}`);
    }
    connection.closeSync();
  } catch (err) {
    throw new TradewindsInputError([{ source: file, path: "--data-dir", value: "", message: message.storeUnreadable(file, firstLine((err as Error).message)) }]);
  } finally {
    instance?.closeSync();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
