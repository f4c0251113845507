import { expect } from '@open-wc/testing';
import { ParleyError } from '../src/core/errors.js';

/** The ParleyError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ParleyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ParleyError);
    return error as ParleyError;
  }
  throw new Error('expected a rejection');
}
