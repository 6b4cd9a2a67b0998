// The e2e environment's fixed addresses, shared by the server script and the specs.
export const E2E = {
  port: 3100,
  baseURL: "http://localhost:3100",
  dataDir: ".data/e2e",
  pgPort: 54339,
  databaseURL: "postgres://postgres:postgres@127.0.0.1:54339/fila",
  graphPort: 4011,
  graphURL: "http://127.0.0.1:4011",
  presenceGraceSeconds: 2,
  appSecret: "dev-app-secret",
} as const;
