// The JSON Schema of a what-if answer (docs/what-if.md's exact shape), for the OpenAPI document.
const seconds = { type: "integer", minimum: 0, description: "Seconds" };
const waits = { type: "object", required: ["median", "p90"], properties: { median: seconds, p90: seconds } };

const FIGURES = {
  type: "object",
  required: ["settings", "queueWaitSeconds", "overTargetShare", "perAgent", "unassigned", "fairness", "loadSpread", "requeues", "outsideHours", "queueLength"],
  properties: {
    settings: { type: "object", description: "The settings replayed (those in force, with the proposed changes for proposed)" },
    queueWaitSeconds: { type: "object", required: ["median", "p90", "p95", "max"], properties: { median: seconds, p90: seconds, p95: seconds, max: seconds } },
    overTargetShare: { type: "number", minimum: 0, maximum: 1, description: "Share of conversations waiting longer than the first-response target" },
    perAgent: {
      type: "array",
      items: {
        type: "object",
        required: ["userId", "name", "conversations", "perOnlineHour", "peakOpen"],
        properties: {
          userId: { type: "integer" },
          name: { type: "string" },
          conversations: { type: "integer", minimum: 0 },
          perOnlineHour: { type: ["number", "null"] },
          peakOpen: { type: "integer", minimum: 0, description: "Most conversations held at once, across groups" },
        },
      },
    },
    unassigned: { type: "integer", minimum: 0 },
    fairness: { type: ["number", "null"], description: "Jain's index over the members online in the period (as the reports)" },
    loadSpread: { type: "integer", minimum: 0, description: "Largest minus smallest number of conversations among them" },
    requeues: {
      type: "object",
      required: ["away", "noReply", "returned", "removed"],
      properties: { away: { type: "integer" }, noReply: { type: "integer" }, returned: { type: "integer" }, removed: { type: "integer" } },
    },
    outsideHours: { type: "integer", minimum: 0, description: "Conversations that arrived while the group was closed" },
    queueLength: {
      type: "array",
      items: { type: "object", required: ["at", "waiting"], properties: { at: { type: "string", format: "date-time" }, waiting: { type: "integer", minimum: 0 } } },
    },
  },
};

export const WHAT_IF_ANSWER_SCHEMA = {
  type: "object",
  required: ["from", "to", "conversations", "current", "proposed", "calibration", "assumptions"],
  properties: {
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
    conversations: { type: "integer", minimum: 0, description: "Σ perAgent.conversations + unassigned, in both current and proposed" },
    current: FIGURES,
    proposed: FIGURES,
    calibration: {
      type: "object",
      required: ["sameAgentShare", "real", "replayed", "enoughHistory"],
      properties: {
        sameAgentShare: { type: ["number", "null"], description: "Share of the engine's real assignments the replay of the settings in force gave to the same agent" },
        real: waits,
        replayed: waits,
        enoughHistory: { type: "boolean", description: "False: too little history to decide on" },
      },
    },
    assumptions: {
      type: "array",
      items: { type: "object", required: ["code", "text"], properties: { code: { type: "string" }, text: { type: "string" }, values: { type: "object" } } },
    },
    strategies: {
      type: "object",
      description: "With compareStrategies: each strategy with the other settings as proposed",
      properties: { manual: FIGURES, balanced: FIGURES, sequential: FIGURES },
    },
  },
};
