// docs/architecture.md's layer table and the rules .dependency-cruiser.cjs enforces must say
// the same thing: the same folders, each in the same layer, each allowed the same imports;
// and every folder (and top-level file) of worker/ has its place. Both files are read as they
// are, so a folder added to both passes and a folder added to one fails.
import { describe, expect, it } from "vitest";
import architecture from "../../../docs/architecture.md?raw";
import cruiserConfig from "../../../.dependency-cruiser.cjs?raw";

const workerFiles = Object.keys(import.meta.glob("../../../worker/**/*.ts"));

/** A place as the doc writes it: "flow/", "env.ts", "db/". */
type Place = string;

/** The doc's table, in its order: the layer number, its places, and the layers it may import ("everything" = all below). */
function docLayers(): Array<{ layer: number; places: Place[]; mayImport: string }> {
  const section = architecture.split(/^## Layers$/m)[1]?.split(/^## /m)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const [layer, places, mayImport] = line.split("|").slice(1, 4).map((cell) => cell.trim());
      return { layer: Number(layer), places: [...places.matchAll(/`([^`]+)`/g)].map((m) => m[1]), mayImport };
    });
}

/** The highest layer a row of the table allows importing from (0: nothing of ours). */
function highestAllowed(mayImport: string): number {
  if (mayImport === "nothing of ours") return 0;
  if (mayImport === "everything") return Infinity;
  const single = /^layer (\d+)$/.exec(mayImport);
  if (single) return Number(single[1]);
  const range = /^layers 1[–-](\d+)$/.exec(mayImport);
  if (range) return Number(range[1]);
  throw new Error(`The table's "may import" says "${mayImport}", which this test cannot read.`);
}

/** The config's `layers` array (bottom to top), places as the doc writes them. */
function cruiserLayers(): Place[][] {
  const literal = /const layers = (\[[\s\S]*?\n\]);/.exec(cruiserConfig)?.[1];
  if (!literal) throw new Error("No `const layers = [...]` in .dependency-cruiser.cjs");
  const layers = JSON.parse(literal.replace(/,(\s*\])/g, "$1")) as string[][];
  return layers.map((layer) => layer.map((place) => place.replace(/^worker\//, "")));
}

const doc = docLayers();
const cruiser = cruiserLayers();

describe("the layer table", () => {
  it("is read from both files", () => {
    expect(doc.length).toBeGreaterThan(5);
    expect(cruiser.length).toBeGreaterThan(5);
  });

  it("numbers its layers 1, 2, 3… bottom to top, as the config orders them", () => {
    expect(doc.map((row) => row.layer)).toEqual(cruiser.map((_, i) => i + 1));
  });

  it("puts the same places in each layer in the doc and in the config", () => {
    const byLayer = (places: Place[]) => [...places].sort();
    expect(doc.map((row) => byLayer(row.places))).toEqual(cruiser.map(byLayer));
  });

  it("lets each layer import what the config lets it: the layers below it", () => {
    for (const row of doc) {
      const top = row.layer === doc.length;
      // The config lets the top layer import anything; for the others, everything below.
      const allowed = highestAllowed(row.mayImport);
      expect(allowed === row.layer - 1 || (top && allowed === Infinity), `layer ${row.layer} may import "${row.mayImport}"`).toBe(true);
    }
  });

  it("places every folder and top-level file of worker/", () => {
    const placed = new Set(doc.flatMap((row) => row.places));
    const present = new Set(workerFiles.map((file) => file.replace(/^.*?\/worker\//, "")).map((file) => (file.includes("/") ? `${file.split("/")[0]}/` : file)));
    expect(present.size).toBeGreaterThan(10);
    expect([...present].filter((place) => !placed.has(place))).toEqual([]);
    // and nothing is placed that is gone (db/ lives beside worker/)
    expect([...placed].filter((place) => place !== "db/" && !present.has(place))).toEqual([]);
  });
});
