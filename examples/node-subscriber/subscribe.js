#!/usr/bin/env node
// Subscribes to the RightsExchange public feed on RabbitMQ and prints one line of JSON per CloudEvent.
//
//   node subscribe.js [--bind <pattern>]... [--count <n>] [--timeout <seconds>]
//
// Environment: RX_AMQP_URL (default amqp://guest:guest@127.0.0.1:5672/; the vhost is the URL path, URL-encoded).
// stderr: READY once the queue is bound, and one line per malformed message. stdout: one JSON object per event.
// Exit: 0 after --count events or on SIGINT/SIGTERM (the connection is closed first); 1 when --timeout seconds
// (default 60; 0 for none) pass first, or on a connection error; 2 on bad arguments.
'use strict';

const amqp = require('amqplib');

const EXCHANGE = 'rightsexchange.public.v1';
const CONTENT_TYPE = 'application/cloudevents+json';
const REQUIRED = ['specversion', 'id', 'source', 'type', 'time', 'subject', 'data'];

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write('usage: node subscribe.js [--bind <pattern>]... [--count <n>] [--timeout <seconds>]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { bindings: [], count: null, timeout: 60 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--bind':
        options.bindings.push(value());
        break;
      case '--count': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) usage('--count must be a positive integer');
        options.count = n;
        break;
      }
      case '--timeout': {
        const s = Number(value());
        if (!Number.isFinite(s) || s < 0) usage('--timeout must be a number of seconds (0 for none)');
        options.timeout = s;
        break;
      }
      case '-h':
      case '--help':
        usage();
        break;
      default:
        usage(`unknown argument: ${arg}`);
    }
  }
  if (options.bindings.length === 0) options.bindings.push('rightsexchange.#');
  return options;
}

// Returns the reason the message is malformed, or null with the parsed CloudEvent in `out.event`.
function check(msg, out) {
  const contentType = msg.properties.contentType;
  if (contentType !== CONTENT_TYPE) return `content_type is ${JSON.stringify(contentType ?? null)}, expected ${CONTENT_TYPE}`;
  let event;
  try {
    event = JSON.parse(msg.content.toString('utf8'));
  } catch (e) {
    return `body is not JSON: ${e.message}`;
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return 'body is not a JSON object';
  const missing = REQUIRED.filter((name) => event[name] === undefined || event[name] === null);
  if (missing.length > 0) return `missing attribute(s): ${missing.join(', ')}`;
  if (typeof event.rxsequence !== 'string' || !/^[0-9]+$/.test(event.rxsequence)) {
    return `rxsequence is not a feed position (decimal digits): ${JSON.stringify(event.rxsequence ?? null)}`;
  }
  out.event = event;
  return null;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const url = process.env.RX_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672/';

  let connection = null;
  let closing = false;
  let received = 0;
  const finish = async (code) => {
    if (closing) return;
    closing = true;
    clearTimeout(timer);
    if (connection) {
      try {
        await connection.close();
      } catch {
        // already closed
      }
    }
    process.exitCode = code;
    // Let stdout drain, then leave even if something still holds the event loop.
    setImmediate(() => process.exit(code));
  };

  const timer =
    options.timeout > 0
      ? setTimeout(() => {
          const wanted = options.count === null ? '' : ` before ${options.count} event(s) arrived`;
          process.stderr.write(`timeout: ${options.timeout} s passed${wanted} (${received} received)\n`);
          finish(1);
        }, options.timeout * 1000)
      : null;

  process.on('SIGINT', () => finish(0));
  process.on('SIGTERM', () => finish(0));

  connection = await amqp.connect(url);
  connection.on('error', (e) => process.stderr.write(`connection error: ${e.message}\n`));
  connection.on('close', () => {
    if (!closing) {
      process.stderr.write('connection closed by the broker\n');
      finish(1);
    }
  });

  const channel = await connection.createChannel();
  channel.on('error', (e) => process.stderr.write(`channel error: ${e.message}\n`));
  await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
  for (const pattern of options.bindings) await channel.bindQueue(queue, EXCHANGE, pattern);
  await channel.prefetch(100);

  await channel.consume(queue, (msg) => {
    if (msg === null) {
      // The broker cancelled the consumer (e.g. the queue was deleted).
      process.stderr.write('consumer cancelled by the broker\n');
      finish(1);
      return;
    }
    if (closing) return;
    const out = {};
    const problem = check(msg, out);
    if (problem) {
      process.stderr.write(`malformed message (routing key ${msg.fields.routingKey}, message_id ${msg.properties.messageId ?? '-'}): ${problem}\n`);
      channel.nack(msg, false, false);
      return;
    }
    const e = out.event;
    process.stdout.write(
      `${JSON.stringify({ id: e.id, type: e.type, source: e.source, subject: e.subject, time: e.time, rxsequence: e.rxsequence, data: e.data })}\n`,
    );
    channel.ack(msg);
    received++;
    if (options.count !== null && received >= options.count) finish(0);
  });

  process.stderr.write('READY\n');
}

main().catch((e) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
});
