import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import { HttpError, httpMessage, requestIssue } from "./errors.js";

/** Host names the server always answers to: the loopback addresses it listens on by default. */
export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"] as const;

/**
 * The hostname of a Host header, lower-cased and without the port: "LocalHost:8080" → "localhost",
 * "[::1]:8080" → "[::1]". Undefined for an empty header.
 */
export function hostName(header: string | undefined): string | undefined {
  const host = header?.trim().toLowerCase();
  if (!host) return undefined;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * The HTTP hardening every response gets:
 *
 * - a Host allow-list: a request whose Host header is not one of the loopback names or `allowedHosts`
 *   (the `--host` value and any `--allow-host`) answers 421, so that a page on another site cannot
 *   reach the API through DNS rebinding (a name it controls, resolved to 127.0.0.1);
 * - security headers by @fastify/helmet: a Content-Security-Policy under which the dashboard runs
 *   (scripts, workers, styles and fetches from this origin only; inline styles allowed, as Observable
 *   Plot and CodeMirror write them; no framing), X-Content-Type-Options: nosniff, X-Frame-Options: DENY, no referrer.
 */
export async function registerSecurity(app: FastifyInstance, allowedHosts: readonly string[]): Promise<void> {
  const allowed = new Set([...LOOPBACK_HOSTS, ...allowedHosts.map((h) => hostName(h) ?? "")].filter(Boolean));
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        // The in-browser what-if runs the model in a Web Worker loaded from this origin (a module script of dist/web).
        workerSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // Plain HTTP on loopback: HSTS would be meaningless here.
    strictTransportSecurity: false,
  });
  // After helmet's hook, so that the refusal carries the security headers too.
  app.addHook("onRequest", async (request) => {
    const host = hostName(request.headers.host);
    if (host === undefined || !allowed.has(host)) {
      throw new HttpError(421, { error: "host not allowed", issues: [requestIssue("headers.host", JSON.stringify(request.headers.host ?? ""), httpMessage.hostNotAllowed([...allowed]))] });
    }
  });
}
