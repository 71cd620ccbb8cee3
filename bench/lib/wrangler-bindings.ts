// Which class each Durable Object and Workflow binding of wrangler.toml runs, so the scale bench
// can tell Workflow instances from Durable Object constructions in the meter's entry counts,
// and find each class's state on disk. A few lines of TOML, read without a TOML library.

export interface BoundClass {
  binding: string;
  className: string;
  /** The Workflow's name (Workflows only). */
  name?: string;
}

export function boundClasses(toml: string): { durableObjects: BoundClass[]; workflows: BoundClass[] } {
  const tables = toml.split(/^\s*\[\[/m).slice(1);
  const value = (table: string, key: string) => new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, "m").exec(table)?.[1];
  const durableObjects: BoundClass[] = [];
  const workflows: BoundClass[] = [];
  for (const table of tables) {
    const className = value(table, "class_name");
    if (!className) continue;
    if (table.startsWith("durable_objects.bindings]]")) durableObjects.push({ binding: value(table, "name") ?? className, className });
    if (table.startsWith("workflows]]")) workflows.push({ binding: value(table, "binding") ?? className, className, name: value(table, "name") });
  }
  return { durableObjects, workflows };
}
