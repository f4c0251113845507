/** The thread view with data shaped to hurt: a very long chain of replies. */
import { expect } from '@open-wc/testing';
import { createRestServer, type WireComment } from '../mocks/rest-server.js';
import { wireComment } from '../mocks/fixtures.js';
import { startWorker } from '../mocks/worker.js';
import { endpoint, mount, parts } from './helpers.js';

describe('thread view', function () {
  this.timeout(30_000);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  before(async () => {
    worker = await startWorker();
  });
  afterEach(() => worker.resetHandlers());

  it('lists a chain of thousands of replies flat at the last level, in order, without overflowing the stack', async () => {
    const length = 4_000;
    const at = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString();
    const chain: WireComment[] = [wireComment('root', { createdAt: at(0) })];
    for (let n = 1; n <= length; n++) chain.push(wireComment(`r${n}`, { parentId: n === 1 ? 'root' : `r${n - 1}`, createdAt: at(n) }));
    worker.use(...createRestServer({ endpoint, threads: new Map([['chain', chain]]) }).handlers);
    const element = await mount('chain', { maxDepth: 2, pageSize: 1 });
    const ids = parts(element, 'comment').map((article) => article.dataset.commentId);
    expect(ids).to.have.length(length + 1);
    expect(ids.slice(0, 3)).to.deep.equal(['root', 'r1', 'r2']);
    expect(ids[length]).to.equal(`r${length}`);
    expect(parts(element, 'in-reply-to')).to.have.length(length - 1);
  });
});
