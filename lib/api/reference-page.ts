// The reference page of the API (/api/docs): the OpenAPI document rendered as one
// self-contained HTML page — no script, nothing fetched from elsewhere. Written in
// English, as the document is (a developer's reference, not the product's interface).
import { buildOpenApiDocument } from "./openapi";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: unknown };
type OperationDoc = {
  summary: string;
  description?: string;
  tags: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};

const json = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

export function renderReferencePage(): string {
  const document = buildOpenApiDocument();
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as OperationDoc;
      const parameters = operation.parameters?.length
        ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${operation.parameters
            .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? "yes" : ""}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`)
            .join("")}</table>`
        : "";
      // JSON for most; an upload's body is the file itself (its own content type).
      const [bodyType, bodyContent] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      const body = bodyType ? `<h4>Body (${escape(bodyType)})</h4>${json(bodyContent?.schema ?? {})}` : "";
      const section = `<section id="${method}-${escape(path)}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>/api/v1${escape(path)}</code></h3>
<p>${escape(operation.summary)}${operation.description ? ` <strong>${escape(operation.description)}</strong>` : ""}${operation.security?.length === 0 ? " <em>No authentication.</em>" : ""}</p>${parameters}${body}</section>`;
      const tag = operation.tags[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
    }
  }
  const toc = [...byTag.keys()].map((tag) => `<a href="#${escape(tag)}">${escape(tag)}</a>`).join(" · ");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#1f2937}
h1{margin-bottom:.25rem}h2{border-bottom:1px solid #e5e7eb;padding-bottom:.25rem;margin-top:2rem}
section{border:1px solid #e5e7eb;border-radius:8px;padding:.5rem 1rem;margin:.75rem 0}
h3{font-size:1rem;margin:.25rem 0}.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:1px 6px}
.get{background:#2563eb}.post{background:#16a34a}.put{background:#d97706}.patch{background:#9333ea}.delete{background:#dc2626}
pre{background:#f3f4f6;padding:.5rem;border-radius:6px;overflow:auto;font-size:.8rem}table{border-collapse:collapse;font-size:.85rem;width:100%}
td,th{border-bottom:1px solid #e5e7eb;text-align:left;padding:2px 6px;vertical-align:top}td code{word-break:break-all}
</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description)}</p>
<p>Errors: <code>{ "error": { "code", "message", "fields"? } }</code> with 400, 401, 403, 404, 409, 422, 429 (Retry-After). The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<nav>${toc}</nav>
${[...byTag.entries()].map(([tag, sections]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2>${sections.join("\n")}`).join("\n")}
</body></html>`;
}
