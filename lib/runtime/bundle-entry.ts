// An entry of the app's TypeScript as one plain ES module, for a worker thread (issue 18).
// A thread that loads the sources through tsx's loader carries a loader thread of its
// own and every module transformed with its source map: about 75 MB of resident memory
// for the ingest thread, measured, against about 35 MB for the same code bundled. The
// bundle holds the app's own modules (the `@/` paths resolved); packages stay imports,
// found from node_modules/.cache/fila, where the file is written under a hash of its
// contents, by a rename, so servers starting at once never read a half-written file.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "fila");

/** Bundles `entry` (a file URL or path of a TypeScript module) and returns the bundle's file URL. */
export function bundleEntry(entry: URL | string): URL {
  const entryPath = entry instanceof URL ? fileURLToPath(entry) : entry;
  // Loaded here, not at the top: the compiled server (dist/) carries this module but never
  // calls it, and should not load esbuild for nothing.
  const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const result = buildSync({
    entryPoints: [entryPath],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // No source map: parsed by the thread, it cost another 9 MB. Stack traces keep the
    // functions' names (nothing is minified), with the bundle's line numbers.
    sourcemap: false,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const file = path.join(OUT_DIR, `${path.basename(entryPath, path.extname(entryPath))}.${hash}.mjs`);
  mkdirSync(OUT_DIR, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, file);
  return pathToFileURL(file);
}
