#!/usr/bin/env node
'use strict';

/*
 * Reads prices.changes (Confluent wire format: byte 0, 4-byte schema id, Avro binary) with kafkajs and
 * @kafkajs/confluent-schema-registry, and prints one JSON line per record. It shares no code with the
 * Java side: it exists to prove that any Confluent-compatible client can read the events.
 *
 * Exit codes: 0 after --count records, 1 bad arguments, 2 timeout, 3 a record that does not decode,
 * 4 Kafka or Schema Registry failure.
 */

const { parseArgs } = require('node:util');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const avro = require('avsc');

const EXIT_OK = 0;
const EXIT_USAGE = 1;
const EXIT_TIMEOUT = 2;
const EXIT_UNDECODABLE = 3;
const EXIT_FAILURE = 4;

const USAGE = `usage: node decode-changes.js [--bootstrap host:port] [--registry url] [--topic name]
                              [--count n] [--timeout-ms ms] [--group id]
  --bootstrap   Kafka bootstrap servers   (env PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)
  --registry    Schema Registry base URL  (env PRICESTREAM_SCHEMA_REGISTRY_URL, default http://localhost:8081)
  --topic       topic to read             (env PRICESTREAM_CHANGES_TOPIC, default prices.changes)
  --count       records to print, then exit 0 (env PRICESTREAM_EXPECTED_COUNT, required)
  --timeout-ms  give up with exit 2 after this long (env PRICESTREAM_TIMEOUT_MS, default 60000)
  --group       consumer group id (default: a fresh one per run, so the topic is read from the beginning)`;

/**
 * Two's-complement big-endian bytes (Avro decimal) -> exact decimal string with `scale` fraction digits.
 * BigInt all the way: a JavaScript number would round prices beyond 15-17 significant digits.
 */
function decimalBytesToString(bytes, scale) {
  let unscaled = 0n;
  for (const byte of bytes) {
    unscaled = (unscaled << 8n) | BigInt(byte);
  }
  if (bytes.length > 0 && (bytes[0] & 0x80) !== 0) {
    unscaled -= 1n << BigInt(8 * bytes.length); // negative: undo the two's complement
  }
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) {
    return (negative ? '-' : '') + digits;
  }
  const padded = digits.padStart(scale + 1, '0');
  const point = padded.length - scale;
  return (negative ? '-' : '') + padded.slice(0, point) + '.' + padded.slice(point);
}

/**
 * avsc logical type for `decimal` on bytes: decodes to an exact string, taking precision and scale from the
 * writer schema the registry returned (so a future scale change needs no code change here).
 */
class DecimalAsString extends avro.types.LogicalType {
  constructor(schema, opts) {
    super(schema, opts);
    if (!Number.isInteger(schema.scale ?? 0) || (schema.scale ?? 0) < 0) {
      throw new Error(`decimal schema has an invalid scale: ${JSON.stringify(schema.scale)}`);
    }
    this.scale = schema.scale ?? 0;
  }

  _fromValue(bytes) {
    return decimalBytesToString(bytes, this.scale);
  }

  _toValue() {
    throw new Error('decode-changes.js only reads decimals; it never writes them');
  }
}

/**
 * Avro `long` as a BigInt: an LSN is a 64-bit WAL position, and avsc's default long (a JavaScript number) refuses
 * anything beyond 2^53 with "potential precision loss". Reading only needs fromBuffer; the rest keeps avsc happy.
 */
const LONG_AS_BIGINT = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (json) => BigInt(json),
  toJSON: (n) => n.toString(),
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

/** Plain `long` fields become BigInt; a long with a logical type (committed_at, timestamp-millis) stays a number. */
function longAsBigInt(schema) {
  const plainLong = schema === 'long' || (schema !== null && typeof schema === 'object' && schema.type === 'long' && !schema.logicalType);
  return plainLong ? LONG_AS_BIGINT : undefined;
}

function settings(argv, env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      bootstrap: { type: 'string' },
      registry: { type: 'string' },
      topic: { type: 'string' },
      count: { type: 'string' },
      'timeout-ms': { type: 'string' },
      group: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT_OK);
  }
  const count = Number(values.count ?? env.PRICESTREAM_EXPECTED_COUNT);
  const timeoutMs = Number(values['timeout-ms'] ?? env.PRICESTREAM_TIMEOUT_MS ?? 60000);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(`--count must be a positive integer, got '${values.count ?? env.PRICESTREAM_EXPECTED_COUNT}'`);
  }
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(`--timeout-ms must be a positive integer, got '${values['timeout-ms'] ?? env.PRICESTREAM_TIMEOUT_MS}'`);
  }
  return {
    brokers: (values.bootstrap ?? env.PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092').split(',').map((s) => s.trim()),
    registryUrl: values.registry ?? env.PRICESTREAM_SCHEMA_REGISTRY_URL ?? 'http://localhost:8081',
    topic: values.topic ?? env.PRICESTREAM_CHANGES_TOPIC ?? 'prices.changes',
    count,
    timeoutMs,
    groupId: values.group ?? `pricestream-node-decode-${process.pid}-${Date.now()}`,
  };
}

/** The printed line: the event's fields under their Avro names; decimals as exact strings, null stays null. */
function toLine(key, value) {
  return {
    key: { csp: key.csp, price_id: key.price_id },
    csp: value.csp,
    price_id: value.price_id,
    sku_id: value.sku_id,
    change_type: value.change_type,
    old_price: value.old_price,
    new_price: value.new_price,
    change_pct: value.change_pct,
    currency: value.currency,
    unit: value.unit,
    region: value.region,
    service: value.service,
    purchase_option: value.purchase_option,
    term: value.term,
    committed_at: new Date(value.committed_at).toISOString(),
    // 64-bit integers as decimal strings, like the decimals: a JSON number beyond 2^53 is rounded by many readers.
    source_lsn: value.source_lsn.toString(),
    source_tx_id: value.source_tx_id == null ? null : value.source_tx_id.toString(),
  };
}

async function main() {
  let config;
  try {
    config = settings(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`decode-changes: ${e.message}\n${USAGE}`);
    return EXIT_USAGE;
  }

  const registry = new SchemaRegistry(
    { host: config.registryUrl },
    { [SchemaType.AVRO]: { logicalTypes: { decimal: DecimalAsString }, typeHook: longAsBigInt } });
  const kafka = new Kafka({ clientId: 'pricestream-node-decode', brokers: config.brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: config.groupId });

  let printed = 0;
  let done = false;
  let settle;
  const outcome = new Promise((resolve) => { settle = resolve; });
  const finish = (result) => {
    done = true; // records still arriving while the consumer disconnects are neither printed nor counted
    settle(result);
  };
  let lastCrash = '';
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    lastCrash = ` (last consumer error: ${payload.error.message})`;
    if (!payload.restart) {
      finish({ code: EXIT_FAILURE, message: `consumer of '${config.topic}' stopped: ${payload.error.message}` });
    }
  });
  const timer = setTimeout(() => {
    finish({ code: EXIT_TIMEOUT, message: `timed out after ${config.timeoutMs} ms: read ${printed} of ${config.count} records from '${config.topic}' at ${config.brokers.join(',')}${lastCrash}` });
  }, config.timeoutMs);

  // Not awaited: the timeout must also cover a broker that never answers the connect.
  const reading = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topic: config.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false, // a one-off reader: commits nothing
      eachMessage: async ({ partition, message }) => {
        if (done) {
          return;
        }
        const where = `topic '${config.topic}' partition ${partition} offset ${message.offset}`;
        let line;
        try {
          if (message.key == null || message.value == null) {
            throw new Error(`null ${message.key == null ? 'key' : 'value'}`);
          }
          line = toLine(await registry.decode(message.key), await registry.decode(message.value));
        } catch (e) {
          finish({ code: EXIT_UNDECODABLE, message: `cannot decode the record at ${where}: ${e.message}` });
          return;
        }
        process.stdout.write(JSON.stringify(line) + '\n');
        printed += 1;
        if (printed === config.count) {
          finish({ code: EXIT_OK });
        }
      },
    });
  })();
  reading.catch((e) => {
    finish({ code: EXIT_FAILURE, message: `cannot read '${config.topic}' from ${config.brokers.join(',')}: ${e.message}` });
  });

  const result = await outcome;
  clearTimeout(timer);
  if (result.message) {
    console.error(`decode-changes: ${result.message}`);
  }
  // Leaving the group is best effort and bounded: the outcome is already known.
  await Promise.race([consumer.disconnect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  return result.code;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`decode-changes: ${e.stack || e.message}`);
      process.exit(EXIT_FAILURE);
    });
}

module.exports = { decimalBytesToString };
