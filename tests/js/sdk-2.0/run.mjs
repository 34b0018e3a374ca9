// @langchain/langgraph-sdk 2.0.0 (the only 2.x (npm marks it deprecated)): the shared contract turn of ../turn.mjs.
import { Client } from "@langchain/langgraph-sdk";
import { main } from "../turn.mjs";

await main(Client, new URL("./", import.meta.url));
