// What a template is: a ready bundle/1 document whose connections are placeholders, with a
// title and description in every language, and the app each placeholder needs a connection of.
// The document's own words (a message, column headers) are in the language it is made in.
import type { Bundle } from "../flow";
import type { Locale, Text } from "../i18n";

export interface TemplateConnection {
  /** The placeholder the document names the connection by. */
  placeholder: string;
  app: string;
}

export interface BundleTemplate {
  /** Stable: links and the API name a template by it. */
  id: string;
  title: Text;
  description: Text;
  /** Every placeholder of the document, in the order the dashboard asks for them. */
  connections: readonly TemplateConnection[];
  /** The document, its texts in `locale` (the same steps in every language). */
  document(locale: Locale): Bundle;
}
