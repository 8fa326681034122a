package dev.hush.adapter.webapp;

import java.util.Map;

class PoeAdapterTest extends ChatAppContract {
    @Override
    String[] hosts() {
        return new String[] {"poe.com"};
    }

    @Override
    String fixture() {
        return "poe-gql.http";
    }

    @Override
    String location() {
        return "variables.query";
    }

    @Override
    String adapterName() {
        return "poe";
    }

    @Override
    String sentText(String body) throws Exception {
        return JSON.readTree(body).at("/variables/query").asText();
    }

    /** The mutation's JSON result carries the bot's reply (Poe streams the rest over its own channel). */
    @Override
    String[] answer(String text) throws Exception {
        return new String[] {"application/json", JSON.writeValueAsString(Map.of("data", Map.of("messageEdgeCreate",
                Map.of("status", "success", "botMessage", Map.of("node", Map.of("text", text, "state", "complete"))))))};
    }

    @Override
    String shown(String body) throws Exception {
        return JSON.readTree(body).at("/data/messageEdgeCreate/botMessage/node/text").asText();
    }
}
