import { describe, expect, it } from "vitest";
import { keyOf } from "./openapi";
import { operations } from "./operations";
import { renderReferencePage } from "./reference-page";

describe("the API reference page (/api/docs)", () => {
  it("lists every operation, an upload's body under its own content type (it once answered 500 on the media upload)", () => {
    const page = renderReferencePage();
    for (const operation of operations) {
      const [method, path] = keyOf(operation).split(" ") as [string, string];
      expect(page, keyOf(operation)).toContain(`id="${method}-${path.replaceAll("&", "&amp;")}"`);
    }
    expect(page).toMatch(/<h4>Body \(\*\/\*\)<\/h4>|<h4>Body \(application\/octet-stream\)<\/h4>/);
    expect(page).toContain("<h4>Body (application/json)</h4>");
  });
});
