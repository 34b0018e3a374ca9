// @langchain/langgraph-sdk 1.8.10 (the 1.8.x line agent-chat-ui locks (pnpm-lock.yaml)): the shared contract turn of ../turn.mjs.
import { Client } from "@langchain/langgraph-sdk";
import { main } from "../turn.mjs";

await main(Client, new URL("./", import.meta.url));
