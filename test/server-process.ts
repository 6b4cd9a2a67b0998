// Starts server.ts as a child process for tests that need the real thing (lifecycle,
// several instances). Resolves once it prints "ready on".
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

export type ServerProcess = {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

export async function startServerProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  // One process, the loader inside it (as `npm run dev` runs it): tsx's own parent relays a
  // signal and, when the child has not confirmed it within 30 ms (a loaded machine), kills
  // it with SIGKILL, leaving its embedded PostgreSQL behind.
  const child = spawn("node", ["--import", "tsx", "server.ts"], { env: { ...process.env, ...env, PORT: String(port) } });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("ready on")) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`server exited early:\n${output}`));
      }
    }, 100);
  });
  return {
    child,
    port,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
