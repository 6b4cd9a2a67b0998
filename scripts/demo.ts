// One command to try the fast production build with the demo data (README, "The two
// commands": `npm run demo`; docs/operations.md): builds into .next-demo and dist/, then runs the compiled server.
//   npm run demo            (PORT=3001 npm run demo for another port)
import { execFileSync, spawn } from "node:child_process";
import { DEMO_BUILD_DIR, demoServerEnv } from "@/lib/runtime/demo-env";

const env = demoServerEnv(process.env);
console.log(`demo: building the production bundle into ${DEMO_BUILD_DIR} and dist/ (a minute or two)…`);
execFileSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DEMO_BUILD_DIR } });
execFileSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit" });

const server = spawn(process.execPath, ["dist/server.js"], { stdio: "inherit", env: { ...process.env, ...env } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
