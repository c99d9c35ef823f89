import { describe, expect, it } from "vitest";
import { registry } from "../src/report/registry.js";

/**
 * The registry's machine-readable direction (`better`, read by the dashboard's colours) agrees with its
 * human-readable sign convention: a quantity whose sign text says the country gains when it rises is
 * "higher", one that says consumer prices (or resistance) rise is "lower", one that reads a level or a
 * plain change without a judgement is "neither".
 */
describe("registry: better agrees with sign", () => {
  it("every definition states which way is better, consistently with its sign text", () => {
    for (const def of registry.values()) {
      expect(["higher", "lower", "neither"], def.key).toContain(def.better);
      if (/^positive = (the (country|candidate|tariff setter|world) gains|improves|wages buy more|more people work|joining is better)/.test(def.sign)) expect(def.better, def.key).toBe("higher");
      if (/^negative = the (country|average country|median country) loses/.test(def.sign)) expect(def.better, def.key).toBe("higher");
      if (/^positive = (consumer prices rise|buyers face higher resistance|higher resistance|sellers face higher resistance)/.test(def.sign)) expect(def.better, def.key).toBe("lower");
      if (/^(positive = (exports|imports|output value|spending|the deficit|the sector)|a tariff level)/.test(def.sign)) expect(def.better, def.key).toBe("neither");
    }
    expect(registry.get("welfareChangePct")?.better).toBe("higher");
    expect(registry.get("priceIndexChangePct")?.better).toBe("lower");
  });
});
