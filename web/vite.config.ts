// The dashboard is a static SPA: adapter-static writes build/ with index.html as the fallback
// page, and the Worker serves that directory as Workers Static Assets (same origin as the API).
import adapter from "@sveltejs/adapter-static";
import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: "build", assets: "build", fallback: "index.html" }),
      // The page's Content-Security-Policy, as a <meta> with the hash of SvelteKit's inline boot
      // script (it changes with every build). frame-ancestors cannot be set by <meta>: it is in
      // static/_headers with the other response headers (docs/reliability.md).
      csp: {
        mode: "hash",
        directives: {
          "default-src": ["self"],
          "script-src": ["self"],
          "style-src": ["self", "unsafe-inline"],
          "img-src": ["self", "data:"],
          "connect-src": ["self"],
          "object-src": ["none"],
          "base-uri": ["self"],
          "form-action": ["self"]
        }
      }
    })
  ],
  server: {
    // `vite dev` in web/ proxies the API to a locally running `npm start`
    proxy: { "/api": process.env.SVYAZKA_API ?? "http://127.0.0.1:8787" }
  }
});
