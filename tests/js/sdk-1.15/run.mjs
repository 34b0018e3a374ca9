// @langchain/langgraph-sdk 1.15.0 (npm's latest tag): the shared contract turn of ../turn.mjs.
import { Client } from "@langchain/langgraph-sdk";
import { main } from "../turn.mjs";

await main(Client, new URL("./", import.meta.url));
