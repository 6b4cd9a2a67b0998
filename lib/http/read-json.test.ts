import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { readJsonBody } from "./read-json";

const post = (body: string, type: string | null) =>
  new Request("http://localhost/api/v1/manager/groups", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("readJsonBody (issue 11 finding 12: JSON routes refuse non-JSON bodies)", () => {
  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null])("refuses %s", async (type) => {
    await expect(readJsonBody(post('{"name":"Evil"}', type))).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("reads application/json", async () => {
    expect(await readJsonBody(post('{"name":"Vendas"}', "application/json; charset=utf-8"))).toEqual({ name: "Vendas" });
  });

  it("refuses malformed and oversized JSON as invalid input", async () => {
    await expect(readJsonBody(post("{", "application/json"))).rejects.toBeInstanceOf(UserError);
    await expect(readJsonBody(post(JSON.stringify({ name: "x".repeat(100_000) }), "application/json"))).rejects.toMatchObject({ code: "invalid_input" });
  });
});
