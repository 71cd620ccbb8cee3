// The one message per sheet poll on the polls queue. The cron only claims due bundles and sends
// these, so each poll (pages of rows, a ledger write per row) has its own invocation and its own
// subrequest budget instead of sharing the tick's; a poll that stops at its row cap sends the
// next message itself.
export interface PollMessage {
  workspaceId: string;
  bundleId: string;
}

/** Puts polls on the polls queue, 100 a call (a sendBatch's most). */
export async function sendPolls(env: { POLL_QUEUE: Queue<PollMessage> }, polls: PollMessage[]) {
  for (let i = 0; i < polls.length; i += 100) await env.POLL_QUEUE.sendBatch(polls.slice(i, i + 100).map((body) => ({ body })));
}
