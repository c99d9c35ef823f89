// The CLI as bin/tradewinds.js starts it, on the sources (tests spawn this with tsx: no build needed).
import { endQuietlyWhenOutputCloses, main } from "../../src/cli/main.js";
endQuietlyWhenOutputCloses();
process.exitCode = await main(process.argv);
