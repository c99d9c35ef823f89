/**
 * The page's address reopens what is on screen: ?result=<id> a stored run, ?example=<name> an
 * unchanged example, #scenario=<base64url> an edited scenario (its text, UTF-8).
 */
export interface UrlState {
  result?: string;
  example?: string;
  scenario?: string;
}

export function readUrl(): UrlState {
  const q = new URLSearchParams(location.search);
  const h = new URLSearchParams(location.hash.slice(1));
  const encoded = h.get("scenario");
  return { result: q.get("result") ?? undefined, example: q.get("example") ?? undefined, scenario: encoded ? decode(encoded) : undefined };
}

export function writeUrl(state: UrlState): void {
  const q = new URLSearchParams();
  if (state.example) q.set("example", state.example);
  if (state.result) q.set("result", state.result);
  const hash = state.scenario ? `#scenario=${encode(state.scenario)}` : "";
  history.replaceState(null, "", `${location.pathname}${q.size ? "?" + q : ""}${hash}`);
}

function encode(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(encoded: string): string | undefined {
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
