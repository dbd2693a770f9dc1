'use strict';

// Unit tests of the decimal conversion (node --test, no broker): the exact cases Avro's two's complement has.
const test = require('node:test');
const assert = require('node:assert/strict');
const { decimalBytesToString } = require('./decode-changes');

function unscaledBytes(value) {
  // Minimal big-endian two's complement of a BigInt, as Java's BigInteger.toByteArray() writes it.
  let hex = (value < 0n ? (1n << 512n) + value : value).toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  const fill = value < 0n ? 0xff : 0x00;
  while (bytes.length > 1 && bytes[0] === fill && ((bytes[1] & 0x80) !== 0) === (value < 0n)) bytes = bytes.subarray(1);
  if (value >= 0n && (bytes[0] & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return bytes;
}

test('positive, negative, zero and sub-unit values keep every digit', () => {
  assert.equal(decimalBytesToString(unscaledBytes(96000000000n), 12), '0.096000000000');
  assert.equal(decimalBytesToString(unscaledBytes(-5208333333333n), 12), '-5.208333333333');
  assert.equal(decimalBytesToString(unscaledBytes(1n), 12), '0.000000000001');
  assert.equal(decimalBytesToString(unscaledBytes(-1n), 12), '-0.000000000001');
  assert.equal(decimalBytesToString(Buffer.alloc(0), 12), '0.000000000000');
  assert.equal(decimalBytesToString(unscaledBytes(0n), 12), '0.000000000000');
});

test('38 digits (decimal(38,12) at its limit) stay exact', () => {
  const unscaled = 12345678901234567890123456789012345678n;
  assert.equal(decimalBytesToString(unscaledBytes(unscaled), 12), '12345678901234567890123456.789012345678');
  assert.equal(decimalBytesToString(unscaledBytes(-unscaled), 12), '-12345678901234567890123456.789012345678');
});

test('sign bit at a byte boundary: 0x80 is -128, 0x0080 is 128', () => {
  assert.equal(decimalBytesToString(Buffer.from([0x80]), 0), '-128');
  assert.equal(decimalBytesToString(Buffer.from([0x00, 0x80]), 0), '128');
  assert.equal(decimalBytesToString(Buffer.from([0xff, 0x7f]), 2), '-1.29');
});
