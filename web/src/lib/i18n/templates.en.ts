// English strings of the templates gallery and of creating a connection in place (where one
// must be chosen); templates.ru.ts has the same keys.
export const templatesEn = {
  "templates.title": "Start from a template",
  "templates.intro": "Ready bundles: pick one, choose the connections it needs, then adjust it in the editor.",
  "templates.use": "Use template",
  "templates.use_label": "Use template: {title}",
  "templates.scratch": "Or build your own",
  "templates.setup_help": "Choose a connection for each app of this bundle. It is created switched off and opens in the editor.",
  "templates.create": "Create bundle",
  "templates.all": "All templates",
  "templates.unknown": "There is no such template. Choose one from the list.",
  "connect_here.none": "There is no {app} connection in this workspace yet. Create it here:",
  "connect_here.open": "New {app} connection",
  "connect_here.title": "New {app} connection",
  "connect_here.chosen": "“{name}” is created and chosen.",
  "connect_here.chosen_failed": "“{name}” is created and chosen, but does not work yet: {reason}"
};
