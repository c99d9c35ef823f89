import { buildServer, type ServerOptions } from "./app.js";

export interface ServeOptions extends ServerOptions {
  port: number;
  /** Loopback only by default. */
  host?: string;
}

/** Starts the server (for `tradewinds serve`); resolves with its address, closes on SIGINT/SIGTERM. */
export async function startServer(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildServer(options);
  const url = await app.listen({ port: options.port, host: options.host ?? "127.0.0.1" });
  const close = () => app.close();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void close().then(() => process.exit(0)));
  return { url, close };
}
