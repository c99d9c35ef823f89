import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

/** A throwaway redis-server for one test file: loopback only, no persistence, stopped by `stop()`. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts Debian's redis-server (the project's stack: BullMQ on Redis; .ci/run installs it) on a free
 * loopback port with persistence off. Fails — never skips — with what to install when it is missing.
 */
export async function startRedis(): Promise<TestRedis> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error("redis-server is not installed: the distributed-sweep tests need it — apt-get install -y redis-server (see .ci/run)");
  }
  const port = await freePort();
  const server: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined); // refused while the server starts: retried below
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") {
        client.disconnect();
        break;
      }
    } catch {
      client.disconnect();
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on ${url} within 20 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}
