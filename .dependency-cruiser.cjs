// The dependency rules of worker/ and db/ (docs/architecture.md): no import cycles, type-only
// imports included, and layers that point one way. `npm run lint:deps` checks them; CI too.
//
// A folder may import its own files and the folders of the layers below its own, never a
// folder of its own layer or of one above. Order, bottom to top:
const layers = [
  ["worker/env.ts", "worker/i18n/", "worker/bytes/", "worker/redaction/"],
  ["worker/errors/"],
  ["db/", "worker/observability/", "worker/meter/", "worker/links/"],
  ["worker/json/"],
  ["worker/flow/"],
  ["worker/connectors/", "worker/bundle-templates/"],
  ["worker/security/"],
  ["worker/auth/", "worker/quotas/", "worker/dedup/"],
  ["worker/runs/", "worker/bundles/", "worker/workspaces/"],
  ["worker/connections/"],
  ["worker/engine/", "worker/hooks/"],
  ["worker/schedule/", "worker/shares/"],
  ["worker/http/"],
  ["worker/audit/"],
  ["worker/routes/"],
  ["worker/app.ts"],
  ["worker/index.ts"],
];

const pattern = (place) => "^" + place.replaceAll(".", "\\.") + (place.endsWith("/") ? "" : "$");
const name = (place) => place.replace(/^worker\//, "").replace(/\/$/, "").replace(/\.ts$/, "");

const layerRules = layers.flatMap((layer, rank) =>
  layer.flatMap((place) => {
    const notBelow = layers.slice(rank).flat().filter((other) => other !== place);
    if (!notBelow.length) return []; // the top: it may import anything
    return {
      name: `layer-${name(place)}`,
      comment: `${place} (layer ${rank + 1}) imports only from the layers below it: ${layers.slice(0, rank).flat().join(", ") || "nothing of ours"}.`,
      severity: "error",
      from: { path: pattern(place) },
      to: { path: notBelow.map(pattern) },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle is a design bug: move what both sides need to where it belongs (type-only imports count too).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "layer-unknown",
      comment: "Every folder of worker/ has its place in the layers above: add a new one where its imports put it.",
      severity: "error",
      from: { path: "^(worker|db)/", pathNot: layers.flat().map(pattern) },
      to: { path: "^(worker|db)/" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Without this, imports erased by TypeScript (`import type`) would be invisible, and so
    // would the cycles they make.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "^db/migrations/" },
  },
};
