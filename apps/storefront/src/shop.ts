import { setUpShop } from "./setup.ts";

await setUpShop();
