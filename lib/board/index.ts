// The manager's live board: queues and agents, as the distribution engine sees them.
export { readBoard, BOARD_WAITING_LIMIT, type Board, type BoardAgent, type BoardGroup, type BoardWaiting, type NotEligibleReason } from "./read-board";
export { turnOrder } from "./turn-order";
