// `npm start` runs this before it starts the gateway: the demo shop's keys, in the database while it is free.
import { demoKeys } from "./demo-keys.ts";

await demoKeys();
