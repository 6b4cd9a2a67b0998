import { describe, expect, it } from "vitest";
import { fillCannedReply, unknownVariables } from "./variables";

describe("fillCannedReply", () => {
  const values = { "contact.name": "Maria Souza", "agent.name": "Ana" };

  it("fills the contact's and the agent's names, every time they appear", () => {
    expect(fillCannedReply("Olá {{contact.name}}, aqui é {{agent.name}}. {{ contact.name }}?", values)).toBe("Olá Maria Souza, aqui é Ana. Maria Souza?");
  });

  it("leaves text without variables, and variables it does not know, as written", () => {
    expect(fillCannedReply("Sem variáveis {x} {{order.id}}", values)).toBe("Sem variáveis {x} {{order.id}}");
  });

  it("fills an unknown name as empty text", () => {
    expect(fillCannedReply("Olá {{contact.name}}!", { "contact.name": null, "agent.name": "Ana" })).toBe("Olá !");
  });
});

describe("unknownVariables", () => {
  it("names each unknown variable once, in order", () => {
    expect(unknownVariables("{{contact.name}} {{order.id}} {{ agent.name }} {{order.id}} {{cliente}}")).toEqual(["order.id", "cliente"]);
    expect(unknownVariables("{{contact.name}} e {{agent.name}}")).toEqual([]);
  });
});
