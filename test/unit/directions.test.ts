import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDirection, tuple } from '../../src/core/directions';

describe('directions', () => {
  test('a unit axis is its name', () => {
    assert.equal(describeDirection([0, 1], ['θ[1]', 'θ[2]']), 'θ[2]');
    assert.equal(describeDirection([0, -1, 1e-12], ['a', 'b', 'c']), 'b');
  });

  test('a mixed direction lists its components in coordinate order with signs and 4 digits', () => {
    assert.equal(describeDirection([Math.SQRT1_2, -Math.SQRT1_2], ['w[1]', 'w[2]']), '0.7071·w[1] - 0.7071·w[2]');
    assert.equal(describeDirection([-0.6, 0.8], ['a', 'b']), '-0.6·a + 0.8·b');
  });

  test('past `max` components, the largest are shown and the rest is elided', () => {
    assert.equal(
      describeDirection([0.1, 0.5, -0.2, 0.6, 0.3], ['a', 'b', 'c', 'd', 'e'], 3),
      '0.5·b + 0.6·d + 0.3·e + …',
    );
  });

  test('tuple', () => {
    assert.equal(tuple([1, Math.SQRT1_2, -2, 1e-9]), '(1, 0.7071, -2, 1e-9)');
  });
});
