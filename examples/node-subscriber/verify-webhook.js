#!/usr/bin/env node
// Verifies a RightsExchange webhook delivery as the Standard Webhooks specification describes
// (https://www.standardwebhooks.com/): webhook-signature is a space-separated list of "v1,<base64>" entries, each
// base64(HMAC-SHA256(key, `${webhook-id}.${webhook-timestamp}.${body}`)), where key is the base64-decoded part of
// the endpoint's secret after "whsec_".
//
// `node verify-webhook.js` runs a self-check against the specification's published test vector.
'use strict';

const crypto = require('node:crypto');

const SECRET_PREFIX = 'whsec_';

function secretKey(secret) {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('webhook secret is empty or not base64');
  return key;
}

/** The signature header value ("v1,<base64>") for one delivery. `body` is the raw body: a Buffer or a string. */
function sign(secret, id, timestamp, body) {
  const mac = crypto.createHmac('sha256', secretKey(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `v1,${mac.digest('base64')}`;
}

/**
 * True when the delivery is authentic and fresh.
 *
 * @param {string} secret            The endpoint's secret, "whsec_<base64>" (as POST /api/webhooks returned it).
 * @param {object} headers           The request's headers: webhook-id, webhook-timestamp, webhook-signature
 *                                   (Node's req.headers, lower-case names; a fetch Headers object works too).
 * @param {Buffer|string} body       The raw request body, exactly as received: verify before parsing the JSON.
 * @param {object} [options]
 * @param {number} [options.toleranceSeconds=300] Largest accepted distance between webhook-timestamp and now.
 * @param {number} [options.nowSeconds]           The current Unix time (for tests); defaults to the clock.
 */
function verifySignature(secret, headers, body, options = {}) {
  const { toleranceSeconds = 300, nowSeconds = Math.floor(Date.now() / 1000) } = options;
  const header = (name) => (typeof headers.get === 'function' ? headers.get(name) : headers[name]);
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) return false;
  if (!/^[0-9]+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;

  const expected = Buffer.from(sign(secret, id, timestamp, body).slice('v1,'.length), 'base64');
  for (const entry of String(signatures).split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const candidate = Buffer.from(entry.slice(comma + 1), 'base64');
    if (candidate.length === expected.length && crypto.timingSafeEqual(candidate, expected)) return true;
  }
  return false;
}

module.exports = { verifySignature, sign };

if (require.main === module) {
  // The Standard Webhooks specification's test vector.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: '1614265330',
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const headers = (signature, timestamp = vector.timestamp) => ({
    'webhook-id': vector.id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signature,
  });
  const at = { nowSeconds: Number(vector.timestamp) };
  const otherSecret = `whsec_${crypto.randomBytes(32).toString('base64')}`;
  const cloudEvent = JSON.stringify({ specversion: '1.0', id: crypto.randomUUID(), type: 'rightsexchange.trading.v1.TradeExecuted' });
  const now = Math.floor(Date.now() / 1000);

  const checks = [
    ['sign() reproduces the test vector', sign(vector.secret, vector.id, vector.timestamp, vector.body) === vector.signature],
    ['the test vector verifies', verifySignature(vector.secret, headers(vector.signature), vector.body, at)],
    ['the test vector verifies from a Buffer body', verifySignature(vector.secret, headers(vector.signature), Buffer.from(vector.body), at)],
    ['one matching entry among several verifies', verifySignature(vector.secret, headers(`v1,AAAA ${vector.signature}`), vector.body, at)],
    ['a changed body fails', !verifySignature(vector.secret, headers(vector.signature), '{"test": 2432232315}', at)],
    ['another secret fails', !verifySignature(otherSecret, headers(vector.signature), vector.body, at)],
    ['an unknown version fails', !verifySignature(vector.secret, headers(vector.signature.replace('v1,', 'v2,')), vector.body, at)],
    ['a stale timestamp fails', !verifySignature(vector.secret, headers(vector.signature), vector.body)],
    ['missing headers fail', !verifySignature(vector.secret, {}, vector.body, at)],
    [
      'round trip with a fresh secret and a CloudEvent body',
      verifySignature(otherSecret, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': sign(otherSecret, 'msg_1', now, cloudEvent) }, cloudEvent),
    ],
  ];
  let failed = 0;
  for (const [name, ok] of checks) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
    if (!ok) failed++;
  }
  console.log(failed === 0 ? 'all checks passed' : `${failed} check(s) failed`);
  process.exit(failed === 0 ? 0 : 1);
}
