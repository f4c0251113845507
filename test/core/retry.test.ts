import { expect } from '@open-wc/testing';
import { ParleyError } from '../../src/core/errors.js';
import { DEFAULT_RETRY, isTransient, retryDelay, withRetry, type RetryProgress } from '../../src/core/retry.js';

const fast = { attempts: 4, baseDelay: 5, maxDelay: 1000 };

describe('retrying a post', () => {
  it('retries network errors, timeouts, 429 and 502–504, nothing else', () => {
    const transient = [
      new ParleyError('network', 'x'),
      new ParleyError('timeout', 'x'),
      new ParleyError('rate_limited', 'x', { status: 429 }),
      ...[502, 503, 504].map((status) => new ParleyError('server', 'x', { status })),
    ];
    for (const error of transient) expect(isTransient(error), `${error.code} ${error.status}`).to.equal(true);
    const final = [
      new ParleyError('server', 'x', { status: 500 }),
      new ParleyError('server', 'malformed JSON', { status: 201 }),
      new ParleyError('duplicate', 'x', { status: 409 }),
      new ParleyError('invalid', 'x', { status: 400 }),
      new ParleyError('flood', 'x'),
      new ParleyError('unauthorized', 'x', { status: 401 }),
    ];
    for (const error of final) expect(isTransient(error), `${error.code} ${error.status}`).to.equal(false);
  });

  it('backs off exponentially with jitter between half and all of each step', () => {
    const error = new ParleyError('network', 'x');
    expect(retryDelay(error, 1, DEFAULT_RETRY, () => 0)).to.equal(500);
    expect(retryDelay(error, 1, DEFAULT_RETRY, () => 0.999999)).to.equal(1000);
    expect(retryDelay(error, 2, DEFAULT_RETRY, () => 0)).to.equal(1000);
    expect(retryDelay(error, 3, DEFAULT_RETRY, () => 1)).to.equal(4000);
    expect(retryDelay(error, 4, DEFAULT_RETRY), 'no fifth attempt').to.equal(null);
    expect(retryDelay(error, 10, { attempts: 20, baseDelay: 1000, maxDelay: 30_000 }, () => 1), 'capped').to.equal(30_000);
  });

  it('waits at least as long as Retry-After, and leaves a longer wait to the reader', () => {
    expect(retryDelay(new ParleyError('server', 'x', { status: 503, retryAfter: 7 }), 1, DEFAULT_RETRY, () => 0)).to.equal(7000);
    expect(retryDelay(new ParleyError('rate_limited', 'x', { retryAfter: 31 }), 1, DEFAULT_RETRY)).to.equal(null);
  });

  it('sends until it succeeds, telling each retry', async () => {
    const progress: RetryProgress[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new TypeError('Failed to fetch');
        return 'stored';
      },
      { signal: new AbortController().signal, policy: fast, onRetry: (step) => progress.push(step) },
    );
    expect(result).to.equal('stored');
    expect(calls).to.equal(3);
    expect(progress.map((step) => [step.attempt, step.error.code])).to.deep.equal([
      [2, 'network'],
      [3, 'network'],
    ]);
  });

  it('gives up after the last attempt, on a final error, or when vetoed', async () => {
    const signal = new AbortController().signal;
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new ParleyError('timeout', 'slow');
    };
    const error = await withRetry(failing, { signal, policy: fast, onRetry: () => {} }).catch((thrown) => thrown);
    expect([error.code, calls]).to.deep.equal(['timeout', 4]);

    calls = 0;
    const duplicate = async () => {
      calls++;
      throw new ParleyError('duplicate', 'again');
    };
    expect((await withRetry(duplicate, { signal, policy: fast, onRetry: () => {} }).catch((thrown) => thrown)).code).to.equal('duplicate');
    expect(calls).to.equal(1);

    calls = 0;
    await withRetry(failing, { signal, policy: fast, onRetry: () => {}, shouldRetry: () => false }).catch(() => {});
    expect(calls).to.equal(1);
  });

  it('stops waiting as soon as it is aborted', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(
      async () => {
        calls++;
        throw new ParleyError('network', 'x');
      },
      { signal: controller.signal, policy: { attempts: 4, baseDelay: 60_000, maxDelay: 60_000 }, onRetry: () => controller.abort() },
    );
    const reason = await pending.catch((thrown) => thrown);
    expect(reason).to.be.instanceOf(DOMException);
    expect((reason as DOMException).name).to.equal('AbortError');
    expect(calls).to.equal(1);
  });
});
