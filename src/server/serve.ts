import { buildServer, type ServerOptions } from "./app.js";

export interface ServeOptions extends ServerOptions {
  port: number;
  /** Loopback only by default. */
  host?: string;
}

/** Starts the server (for `tradewinds serve`); resolves with its address, closes on SIGINT/SIGTERM. */
export async function startServer(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const host = options.host ?? "127.0.0.1";
  // The listen address is a name clients may use: accept it in the Host header too (0.0.0.0 and :: are not names).
  const named = host === "0.0.0.0" || host === "::" ? [] : [host.includes(":") && !host.startsWith("[") ? `[${host}]` : host];
  const app = await buildServer({ ...options, allowedHosts: [...named, ...(options.allowedHosts ?? [])] });
  const url = await app.listen({ port: options.port, host });
  const close = () => app.close();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void close().then(() => process.exit(0)));
  return { url, close };
}
