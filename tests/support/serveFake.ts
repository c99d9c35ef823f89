/**
 * A server on the fake model in its own process (for the crash test): `node --import tsx
 * tests/support/serveFake.ts <dataDir>` prints its URL on the first line of stdout.
 */
import { buildServer } from "../../src/server/app.js";
import { fakeCatalogModule } from "./testServer.js";

const app = await buildServer({ dataDir: process.argv[2], catalogModule: fakeCatalogModule, webDir: "/nonexistent", maxConcurrentSolves: 1 });
const url = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(url + "\n");
