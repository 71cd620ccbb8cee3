// The dashboard is a single-page app: nothing is rendered or prerendered on the server; the
// Worker answers every page URL with the fallback index.html and the router takes over.
export const ssr = false;
export const prerender = false;
