import { expect } from '@open-wc/testing';
import { ParleyError } from '../src/core/errors.js';

/** Whatever a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return expect.fail('expected a rejection');
}

/** The ParleyError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ParleyError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(ParleyError);
  return error as ParleyError;
}
