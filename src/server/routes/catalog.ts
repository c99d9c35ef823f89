import type { FastifyInstance } from "fastify";
import { embeddedDatasetFiles } from "../../data/embeddedFiles.js";
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

  // The embedded datasets' files for the dashboard's in-browser solves, by dataset name (never a path):
  // the header (JSON) and the gzip chunks as stored, inflated in the browser by DecompressionStream.
  const filesOf = (name: string) => {
    const files = library.embedded ? embeddedDatasetFiles(name) : undefined;
    if (!files) {
      const known = library.embedded ? library.datasetNames() : [];
      throw new HttpError(404, { error: "not found", issues: [requestIssue("name", JSON.stringify(name), httpMessage.noDatasetFiles(name, known))] });
    }
    return files;
  };
  app.get<{ Params: { name: string } }>("/api/datasets/:name/header", async (request, reply) =>
    reply.type("application/json; charset=utf-8").header("cache-control", "no-cache").send(filesOf(request.params.name).headerText),
  );
  app.get<{ Params: { name: string; index: string } }>("/api/datasets/:name/chunks/:index", async (request, reply) => {
    const files = filesOf(request.params.name);
    const index = /^\d{1,4}$/.test(request.params.index) ? Number(request.params.index) : -1;
    const bytes = files.chunk(index);
    if (!bytes) throw new HttpError(404, { error: "not found", issues: [requestIssue("index", JSON.stringify(request.params.index), httpMessage.noDatasetChunk(request.params.name, request.params.index, files.chunkCount))] });
    return reply.type("application/octet-stream").header("cache-control", "no-cache").send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
