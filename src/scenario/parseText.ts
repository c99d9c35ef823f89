import { parseDocument } from "yaml";
import { TradewindsInputError, message, type InputIssue } from "../messages.js";
import { SCENARIO_LIMITS } from "./limits.js";

export interface ParseOptions {
  /**
   * Whether errors may quote the text (the parser's description of what it found). False for a file
   * that a scenario names (an estimation spec): its errors give the line and column only, so that
   * pointing a scenario at a file never shows what the file holds.
   */
  echo?: boolean;
}

/**
 * YAML or JSON text → plain data, or the first syntax problem with its line (later ones follow from it). Aliases (`*name`) expand at
 * most SCENARIO_LIMITS.maxAliasCount times (alias bombs are refused, not expanded), and nesting
 * beyond the parser's stack is an input error, never a crash.
 */
export function parseYamlText(text: string, source: string, options: ParseOptions = {}): unknown {
  const echo = options.echo ?? true;
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) {
    // The parser reports the consequences of one mistake too (an unclosed `[` gives five or six errors on
    // the lines after it): the first error is the one to fix, and the one reported.
    throw new TradewindsInputError(
      doc.errors.slice(0, 1).map((e): InputIssue => {
        const at = e.linePos?.[0];
        const path = at ? `line ${at.line}` : "";
        if (e.code === "RESOURCE_EXHAUSTION") return { source, path, value: "", message: message.scenarioLimit("nesting too deep to parse", "levels of nesting", SCENARIO_LIMITS.maxDepth) };
        return { source, path, value: "", message: echo ? message.yamlSyntax(e.message.split("\n")[0]) : message.fileNotYaml(at?.line ?? 0, at?.col ?? 0) };
      }),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: SCENARIO_LIMITS.maxAliasCount });
  } catch (err) {
    // The yaml package throws here for an alias without its anchor and for aliases expanded past the count.
    throw new TradewindsInputError([{ source, path: "", value: "", message: message.yamlAliases(echo ? (err as Error).message : "", SCENARIO_LIMITS.maxAliasCount) }]);
  }
}
