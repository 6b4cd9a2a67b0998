// One instance sends nothing through the PostgreSQL adapter (docs/behaviour.md#environment-and-demo-data, issue 18): its
// broadcasts stay local until the adapter has heard another instance's heartbeat.
import { describe, expect, it } from "vitest";
import { onlyWithPeers } from "./cluster-adapter";

function fakeFactory() {
  const sent: { flags?: Record<string, unknown> }[] = [];
  const adapter = { nodesMap: new Map<string, number>(), broadcast: (_packet: unknown, opts: { flags?: Record<string, unknown> }) => void sent.push(opts) };
  return { factory: function () {
    return adapter;
  }, adapter, sent };
}

describe("the PostgreSQL adapter with one instance", () => {
  it("broadcasts locally while alone, through the adapter once another instance is known", () => {
    const { factory, adapter, sent } = fakeFactory();
    const Wrapped = onlyWithPeers(factory) as unknown as new (nsp: never) => typeof adapter;
    // Socket.IO constructs it with `new`.
    const wrapped = new Wrapped(undefined as never);
    wrapped.broadcast({}, { flags: {} });
    expect(sent[0]!.flags).toEqual({ local: true });
    adapter.nodesMap.set("other-instance", Date.now());
    wrapped.broadcast({}, { flags: {} });
    expect(sent[1]!.flags).toEqual({});
    adapter.nodesMap.clear();
    wrapped.broadcast({}, { flags: { volatile: true } });
    expect(sent[2]!.flags).toEqual({ volatile: true, local: true });
  });
});
