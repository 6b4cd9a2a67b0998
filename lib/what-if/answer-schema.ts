// The JSON Schema of a what-if answer (docs/what-if.md's exact shape), for the OpenAPI document.
const seconds = { type: "integer", minimum: 0, description: "Seconds" };
const waits = { type: "object", additionalProperties: false, required: ["median", "p90"], properties: { median: seconds, p90: seconds } };

const minutesOrNull = { type: ["integer", "null"], minimum: 1 };
const businessHours = {
  anyOf: [
    {
      type: "object",
      additionalProperties: false,
      required: ["timeZone", "intervals", "holidays"],
      properties: {
        timeZone: { type: "string" },
        intervals: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["day", "start", "end"],
            properties: { day: { type: "integer", minimum: 0, maximum: 6 }, start: { type: "string" }, end: { type: "string" } },
          },
        },
        holidays: { type: "array", items: { type: "string" } },
      },
    },
    { type: "null" },
  ],
  description: "null = always open",
};
/** ReplaySettings (lib/what-if/history.ts): what the engine's decisions and timers read. */
const SETTINGS = {
  type: "object",
  additionalProperties: false,
  required: ["strategy", "onlineOnly", "maxOpenPerAgent", "stickyToLastAgent", "allowTakeBeyondCap", "reassignAwayAfterMinutes", "reassignNoReplyAfterMinutes", "firstResponseTargetMinutes", "businessHours"],
  properties: {
    strategy: { type: "string", enum: ["manual", "balanced", "sequential"] },
    onlineOnly: { type: "boolean" },
    maxOpenPerAgent: minutesOrNull,
    stickyToLastAgent: { type: "boolean" },
    allowTakeBeyondCap: { type: "boolean" },
    reassignAwayAfterMinutes: minutesOrNull,
    reassignNoReplyAfterMinutes: minutesOrNull,
    firstResponseTargetMinutes: minutesOrNull,
    businessHours,
  },
  description: "The settings replayed (those in force, with the proposed changes for proposed)",
};

const FIGURES = {
  type: "object",
  additionalProperties: false,
  required: ["settings", "queueWaitSeconds", "overTargetShare", "perAgent", "unassigned", "fairness", "loadSpread", "requeues", "outsideHours", "queueLength"],
  properties: {
    settings: SETTINGS,
    queueWaitSeconds: { type: "object", additionalProperties: false, required: ["median", "p90", "p95", "max"], properties: { median: seconds, p90: seconds, p95: seconds, max: seconds } },
    overTargetShare: { type: "number", minimum: 0, maximum: 1, description: "Share of conversations waiting longer than the first-response target" },
    perAgent: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
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
      additionalProperties: false,
      required: ["away", "noReply", "returned", "removed"],
      properties: { away: { type: "integer" }, noReply: { type: "integer" }, returned: { type: "integer" }, removed: { type: "integer" } },
    },
    outsideHours: { type: "integer", minimum: 0, description: "Conversations that arrived while the group was closed" },
    queueLength: {
      type: "array",
      items: { type: "object", additionalProperties: false, required: ["at", "waiting"], properties: { at: { type: "string", format: "date-time" }, waiting: { type: "integer", minimum: 0 } } },
    },
  },
};

export const WHAT_IF_ANSWER_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["from", "to", "conversations", "current", "proposed", "calibration", "assumptions"],
  properties: {
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time" },
    conversations: { type: "integer", minimum: 0, description: "Σ perAgent.conversations + unassigned, in both current and proposed" },
    current: FIGURES,
    proposed: FIGURES,
    calibration: {
      type: "object",
      additionalProperties: false,
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
      items: { type: "object", additionalProperties: false, required: ["code", "text"], properties: { code: { type: "string" }, text: { type: "string" }, values: { type: "object", additionalProperties: { type: "number" }, description: "The numbers in the text, by name (minutes, seconds)" } } },
    },
    strategies: {
      type: "object",
      additionalProperties: false,
      description: "With compareStrategies: each strategy with the other settings as proposed",
      properties: { manual: FIGURES, balanced: FIGURES, sequential: FIGURES },
    },
  },
};
