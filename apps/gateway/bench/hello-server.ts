// The benchmark's baseline: the hello-world Apollo Server 5 (the gateway's version, its standalone HTTP server)
// answering `{ purposes { key name legalBasis requiresConsent } }` and `{ cookieCategories { … } }` from memory.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const typeDefs = `#graphql
  type Purpose { key: String! name: String! legalBasis: String! requiresConsent: Boolean! }
  type CookieCategory { key: String! name: String! required: Boolean! }
  type Query { purposes: [Purpose!]! cookieCategories: [CookieCategory!]! }
`;
const purposes = [
  { key: "order-fulfilment", name: "Order fulfilment", legalBasis: "CONTRACT", requiresConsent: false },
  { key: "marketing", name: "Marketing e-mail", legalBasis: "CONSENT", requiresConsent: true },
  { key: "analytics", name: "Analytics", legalBasis: "CONSENT", requiresConsent: true },
];
const cookieCategories = [
  { key: "necessary", name: "Strictly necessary", required: true },
  { key: "analytics", name: "Analytics", required: false },
];
const server = new ApolloServer({ typeDefs, resolvers: { Query: { purposes: () => purposes, cookieCategories: () => cookieCategories } } });
await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: "127.0.0.1" } });
process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
