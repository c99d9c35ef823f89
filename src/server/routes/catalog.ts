import type { FastifyInstance } from "fastify";
import { scenarioJsonSchema } from "../../scenario/jsonSchema.js";
import { HttpError, httpMessage, requestIssue } from "../errors.js";
import { listExamples, type ServerLibrary } from "../library.js";

/** What can be run: datasets (with metadata), example scenarios, the scenario schema. */
export function catalogRoutes(app: FastifyInstance, library: ServerLibrary, examplesDir: string): void {
  app.get("/api/datasets", async () =>
    library.datasetNames().map((name) => {
      const d = library.dataset(name);
      return {
        name,
        title: d.meta.title,
        year: d.meta.year,
        units: d.meta.units,
        source: d.meta.source,
        licence: d.meta.licence,
        attribution: d.meta.attribution,
        countries: d.countries.map((c) => ({ code: c.code, name: c.name })),
        sectors: d.sectors.map((s) => ({ code: s.code, name: s.name })),
        tariffSets: Object.keys(d.tariffs),
        groups: d.groups,
        covariates: Object.keys(d.covariates),
      };
    }),
  );

  app.get("/api/models", async () =>
    Object.entries(library.catalog).map(([type, entry]) => ({ type, description: entry.description, shocks: entry.shocks, tableKeys: entry.tableKeys })),
  );

  app.get("/api/examples", async () => listExamples(examplesDir).map(({ name, file, text }) => ({ name, file, text })));

  app.get<{ Params: { name: string } }>("/api/examples/:name", async (request) => {
    const all = listExamples(examplesDir);
    const hit = all.find((e) => e.name === request.params.name);
    if (!hit) throw new HttpError(404, { error: "not found", issues: [requestIssue("name", JSON.stringify(request.params.name), httpMessage.unknownExample(request.params.name, all.map((e) => e.name)))] });
    return hit;
  });

  app.get("/api/schema", async () => scenarioJsonSchema());
}
