// The manager's live board: queues and agents, as the distribution engine sees them.
export { readBoard, type Board, type BoardAgent, type BoardGroup, type NotEligibleReason } from "./read-board";
export { turnOrder } from "./turn-order";
