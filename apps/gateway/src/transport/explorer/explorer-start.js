// Starts GraphiQL on the explorer page (served as part of /graphql/explorer.js, after React and GraphiQL).
(() => {
  const root = ReactDOM.createRoot(document.getElementById("explorer"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: new URL("/graphql", location.href).href }),
      // Empty means anonymous; the key typed here is kept in this browser's storage only.
      defaultHeaders: JSON.stringify({ authorization: "" }, null, 2),
      defaultEditorToolsVisibility: "headers",
      defaultQuery:
        '# Your key goes in the authorization header below: "Bearer cus_prt_…".\n# Then re-fetch the schema (the ↻ button, bottom left) for its docs.\n{\n  viewer {\n    kind\n  }\n}\n',
    }),
  );
})();
