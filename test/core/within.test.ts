import { expect } from '@open-wc/testing';
import { within } from '../../src/core/within.js';
import { ParleyError } from '../../src/core/errors.js';
import { rejection } from '../rejection.js';

describe('within', () => {
  it('gives the value of a promise that settles in time', async () => {
    expect(await within(Promise.resolve('here'), 1_000)).to.equal('here');
  });

  it('gives undefined once the time is up, without waiting for the promise', async () => {
    const started = performance.now();
    expect(await within(new Promise(() => {}), 50)).to.equal(undefined);
    expect(performance.now() - started).to.be.below(1_000);
  });

  it('passes a rejection on', async () => {
    const error = await rejection(within(Promise.reject(new ParleyError('network', 'no')), 1_000));
    expect(error.message).to.equal('no');
  });
});
