// The server half of `npm run build` (the other is `next build`): server.ts and the
// ingest and what-if threads' entries compiled by esbuild into plain ES modules, so that `npm start`
// runs `node dist/server.js` with no TypeScript loader (the tsx parent alone was ~58 MB
// of resident memory). The app's own modules are bundled (the `@/` paths resolved);
// packages stay imports from node_modules. The migrations are copied beside the bundle,
// where db/migrate.ts looks for them (next to the module that runs it).
//   node scripts/build-server.mjs [--outdir dist]
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = process.argv.indexOf("--outdir");
const outdir = path.resolve(root, at > 0 ? process.argv[at + 1] : "dist");

const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { server: "server.ts", "ingest-thread-entry": "lib/inbound/ingest-thread-entry.ts", "what-if-thread-entry": "lib/what-if/what-if-thread-entry.ts" },
  outdir,
  outExtension: { ".js": ".js" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  // Source maps for stack traces that name the TypeScript file (node --enable-source-maps).
  sourcemap: "linked",
  logLevel: "warning",
});
cpSync(path.join(root, "db", "migrations"), path.join(outdir, "migrations"), { recursive: true });
console.log(`server compiled into ${path.relative(root, outdir) || "."} in ${Date.now() - started} ms`);
