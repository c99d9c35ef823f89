import { expect } from "vitest";
import { TradewindsInputError, type InputIssue } from "../../src/messages.js";

/** The issues of the TradewindsInputError that `run` throws; fails the test if it throws anything else or nothing. */
export function inputIssuesOf(run: () => unknown): InputIssue[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(TradewindsInputError);
    return (err as TradewindsInputError).issues;
  }
  throw new Error("expected an input error");
}

/** inputIssuesOf for an asynchronous `run`. */
export async function inputIssuesOfAsync(run: () => Promise<unknown> | unknown): Promise<InputIssue[]> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(TradewindsInputError);
    return (err as TradewindsInputError).issues;
  }
  throw new Error("expected an input error");
}
