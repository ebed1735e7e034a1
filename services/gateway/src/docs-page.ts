import type { PublicApiDocument } from './openapi';

type Json = Record<string, unknown>;

const escape = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:24px;color:#1d2733}
h1{margin-bottom:0}h2{border-bottom:1px solid #d5dbe1;padding-bottom:4px;margin-top:40px}
.op{border:1px solid #d5dbe1;border-radius:6px;margin:12px 0;padding:10px 14px}
.m{display:inline-block;min-width:64px;font-weight:700;font-family:monospace}
.GET{color:#1a7f37}.POST{color:#0969da}.PUT,.PATCH{color:#9a6700}.DELETE{color:#cf222e}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:8px;overflow:auto}
.who{color:#57606a}table{border-collapse:collapse}td,th{padding:2px 10px 2px 0;text-align:left;vertical-align:top}
details summary{cursor:pointer}`;

/**
 * The API reference as one static page, rendered on the server from the merged OpenAPI document: no
 * scripts and nothing fetched from elsewhere, so it works offline and under a strict CSP.
 */
export function renderDocsPage(doc: PublicApiDocument): string {
  const sections = doc.tags.map((tag) => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op.tags as string[] | undefined)?.includes(String(tag.name)))
        .map(([method, op]) => renderOperation(method.toUpperCase(), path, op)),
    );
    return `<h2 id="${escape(tag.name)}">${escape(tag.name)}</h2><p class="who">${escape(tag.description)}</p>${ops.join('')}`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>
<h1>${escape(doc.info.title)}</h1><p>Version ${escape(doc.info.version)} · machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>
<p>${escape(doc.info.description)}</p>
<p>Authenticate with <code>Authorization: Bearer &lt;access token&gt;</code> (from <code>POST /api/auth/login</code>) or an API key in <code>X-API-Key</code>.</p>
${sections.join('\n')}</body></html>`;
}

function renderOperation(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const responses = Object.entries((op.responses as Record<string, Json> | undefined) ?? {});
  return `<div class="op"><div><span class="m ${method}">${method}</span><code>${escape(path)}</code> ${escape(op.summary)}</div>
${op.description ? `<p class="who">${escape(op.description)}</p>` : ''}
${
  params.length
    ? `<table><tr><th>Parameter</th><th>In</th><th>Schema</th></tr>${params
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code>${p.required ? ' *' : ''}</td><td>${escape(p.in)}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`,
        )
        .join('')}</table>`
    : ''
}
${
  body
    ? Object.entries(body)
        .map(
          ([type, c]) =>
            `<details><summary>Request body (${escape(type)})</summary><pre>${escape(JSON.stringify(c.schema, null, 2))}</pre></details>`,
        )
        .join('')
    : ''
}
<details><summary>Responses: ${responses.map(([code]) => escape(code)).join(', ')}</summary>${responses
    .map(([code, r]) => `<p><b>${escape(code)}</b> ${escape(r.description)}</p>`)
    .join('')}</details></div>`;
}
