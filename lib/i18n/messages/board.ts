// Issue 31's additions to the live board (open here and in total, the waiting list) and to the Why table (ties).
export const en = {
  "board.load.hereTotal": "{here} here · {total} total",
  "board.load.hereTotal.label": "{here} open in this group, {total} in all groups",
  "board.waitingList.title": "Waiting longest",
  "board.waitingList.waited": "waiting {time}",
  "board.waitingList.more": "{count, plural, one {# more in the queue} other {# more in the queue}}",
  "board.waitingList.unknownContact": "Unnamed contact",
  "inbox.why.tie.turn": "Tied with {other} on load {load}: {winner}'s turn began at {winnerTime}, {other}'s at {otherTime}. The earlier turn wins.",
  "inbox.why.tie.userId": "Tied with {other} on load {load}, and their turns began at the same moment ({winnerTime}): the one registered first wins, {winner}.",
} as const;

export const ptBR: Record<keyof typeof en, string> = {
  "board.load.hereTotal": "{here} aqui · {total} no total",
  "board.load.hereTotal.label": "{here} abertas neste grupo, {total} em todos os grupos",
  "board.waitingList.title": "Esperando há mais tempo",
  "board.waitingList.waited": "esperando há {time}",
  "board.waitingList.more": "{count, plural, one {mais # na fila} other {mais # na fila}}",
  "board.waitingList.unknownContact": "Contato sem nome",
  "inbox.why.tie.turn": "Empate com {other} em carga {load}: a vez de {winner} começou às {winnerTime}, a de {other} às {otherTime}. Vence a vez mais antiga.",
  "inbox.why.tie.userId": "Empate com {other} em carga {load}, e as vezes começaram no mesmo instante ({winnerTime}): vence quem foi cadastrado primeiro, {winner}.",
};
