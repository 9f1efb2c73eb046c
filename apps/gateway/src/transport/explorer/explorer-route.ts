import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

/** Where the explorer's bundle and styles are served; the page itself is `GET /graphql` from a browser. */
export const EXPLORER_SCRIPT_PATH = "/graphql/explorer.js";
export const EXPLORER_STYLE_PATH = "/graphql/explorer.css";

const require = createRequire(import.meta.url);
/** A file of an installed package (these packages' exports maps do not list their browser builds). */
const read = (pkg: string, file: string) => readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file), "utf8");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Custos GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_STYLE_PATH}">
</head>
<body style="margin: 0; height: 100vh">
<div id="explorer" style="height: 100vh"></div>
<script src="${EXPLORER_SCRIPT_PATH}"></script>
</body>
</html>
`;

// Everything comes from this gateway: no CDN, so the explorer works on a machine without internet. No page may frame
// it (frame-ancestors, and X-Frame-Options for browsers without CSP 2): a framed explorer holding a staff key in its
// headers could be clickjacked into running a mutation.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** A browser asking for the endpoint (a page load), as opposed to a GraphQL client. */
export function wantsExplorer(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
}

let bundle: { script: string; style: string } | undefined;

/** Read at the first request for them, not at start: about 5 MB of heap that most gateways never serve. */
function explorerBundle() {
  bundle ??= {
    script: [
      read("react", "umd/react.production.min.js"),
      read("react-dom", "umd/react-dom.production.min.js"),
      read("graphiql", "graphiql.min.js"),
      readFileSync(new URL("./explorer-start.js", import.meta.url), "utf8"),
    ].join(";\n"),
    style: read("graphiql", "graphiql.min.css"),
  };
  return bundle;
}

/**
 * GraphiQL, bundled from the registry (GraphiQL 3's browser build on React 18's), read once per process.
 * The page holds no data: queries go to /graphql with the key the user types into the headers
 * editor, so what the explorer shows is what that key may see.
 */
export function createExplorer() {
  const send = (res: ServerResponse, type: string, body: string) => {
    res.writeHead(200, {
      "content-type": `${type}; charset=utf-8`,
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "cache-control": "no-cache",
    });
    res.end(body);
  };
  return {
    page: (res: ServerResponse) => send(res, "text/html", PAGE),
    script: (res: ServerResponse) => send(res, "text/javascript", explorerBundle().script),
    style: (res: ServerResponse) => send(res, "text/css", explorerBundle().style),
  };
}
