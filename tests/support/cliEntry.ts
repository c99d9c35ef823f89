// The CLI from the TypeScript sources, for tests that start it as a separate process (`tradewinds worker`).
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv);
