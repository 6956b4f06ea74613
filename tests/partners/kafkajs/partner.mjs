// A partner's own system (a people's court, a customs office), written the way a partner would,
// with nothing from ipcase: KafkaJS for the broker, fetch for HTTP, Node's crypto for the JWS,
// `canonicalize` for RFC 8785, Ajv for the JSON Schemas and the AsyncAPI document.
//
//   node partner.mjs < request.json > answer.json
//
// request: {"op": "keygen" | "read-kafka" | "read-http" | "send-kafka" | "send-http", ...}
// Everything it reads is checked before it is reported: the signature with the served JWKS, the
// payload with the schema its dataschema URL serves, headers and payload with the AsyncAPI document.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import canonicalize from 'canonicalize';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// ---------------------------------------------------------------- the signature (ipcasesig)

function keygen({ kid }) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'EdDSA' };
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'EdDSA' };
  return { publicJwk, privateJwk };
}

function signEvent(event, privateJwk) {
  const header = b64u(JSON.stringify({ alg: 'EdDSA', kid: privateJwk.kid }));
  const input = Buffer.from(`${header}.${b64u(canonicalize(event))}`);
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' });
  return `${header}..${b64u(sign(null, input, key))}`;
}

function verifyEvent(event, signature, jwks) {
  if (!signature) return { ok: false, reason: 'signature_missing' };
  const [header64, payload, signature64] = signature.split('.');
  if (payload !== '' || !header64 || !signature64) return { ok: false, reason: 'not a detached JWS' };
  const header = JSON.parse(Buffer.from(header64, 'base64url').toString('utf8'));
  if (!['EdDSA', 'ES256'].includes(header.alg)) return { ok: false, reason: `alg ${header.alg}` };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return { ok: false, reason: `unknown kid ${header.kid}` };
  if (jwk.alg && jwk.alg !== header.alg) return { ok: false, reason: 'alg does not match the key' };
  const input = Buffer.from(`${header64}.${b64u(canonicalize(event))}`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const bytes = Buffer.from(signature64, 'base64url');
  const ok =
    header.alg === 'EdDSA'
      ? verify(null, input, key, bytes)
      : verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, bytes);
  return ok ? { ok: true, kid: header.kid } : { ok: false, reason: 'signature does not verify' };
}

// ---------------------------------------------------------------- the contracts

const schemas = new Map();
const ajv2020 = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const ajv07 = addFormats(new Ajv({ strict: false, allErrors: true }));

async function getJson(url, token) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function servedSchema(url) {
  if (!schemas.has(url)) {
    const schema = await getJson(url);
    if (schema.$id !== url) throw new Error(`${url} serves a schema whose $id is ${schema.$id}`);
    schemas.set(url, ajv2020.compile(schema));
  }
  return schemas.get(url);
}

function errorsOf(validate) {
  return (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`);
}

function asyncapiCheck(asyncapi, channelId, event) {
  const channel = asyncapi.channels[channelId];
  const version = (event.dataschema || '').match(/\.v(\d+)\.json$/)?.[1] ?? '1';
  const name = `${event.type}.v${version}`;
  if (!channel || !channel.messages[name]) return [`${name} is not a message of channel ${channelId}`];
  const message = asyncapi.components.messages[name];
  const headers = Object.fromEntries(
    Object.entries(event)
      .filter(([k]) => k !== 'data')
      .map(([k, v]) => [k === 'datacontenttype' ? 'content-type' : `ce_${k}`, String(v)]),
  );
  const errors = [];
  const root = { components: asyncapi.components };
  const headersOk = ajv07.validate({ ...root, allOf: [message.headers] }, headers);
  if (!headersOk) errors.push(...ajv07.errors.map((e) => `headers${e.instancePath} ${e.message}`));
  const payloadOk = ajv07.validate({ ...root, allOf: [message.payload] }, event.data);
  if (!payloadOk) errors.push(...ajv07.errors.map((e) => `payload${e.instancePath} ${e.message}`));
  if (message['x-ipcase-schema-id'] !== event.dataschema) errors.push('dataschema is not the message schema');
  return errors;
}

async function check(event, signature, { jwks, asyncapi, channelId }) {
  const verified = verifyEvent(event, signature, jwks);
  const errors = verified.ok ? [] : [`signature: ${verified.reason}`];
  try {
    const validate = await servedSchema(event.dataschema);
    if (!validate(event.data)) errors.push(...errorsOf(validate).map((e) => `schema: ${e}`));
  } catch (error) {
    errors.push(`schema: ${error.message}`);
  }
  const carried = signature ? { ...event, ipcasesig: signature } : event;
  errors.push(...asyncapiCheck(asyncapi, channelId, carried).map((e) => `asyncapi: ${e}`));
  return { id: event.id, type: event.type, kid: verified.kid ?? null, data: event.data, errors };
}

async function contractsOf(request) {
  return {
    jwks: await getJson(request.jwksUrl),
    asyncapi: await getJson(request.asyncapiUrl),
    channelId: request.channelId ?? 'partnerFeed',
  };
}

// ---------------------------------------------------------------- Kafka (binary mode)

function kafkaClient(brokers) {
  return new Kafka({ clientId: 'partner-conformance', brokers, logLevel: logLevel.NOTHING });
}

function fromRecord(message) {
  const event = {};
  for (const [name, raw] of Object.entries(message.headers || {})) {
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
    if (name === 'content-type') event.datacontenttype = text;
    else if (name.startsWith('ce_')) event[name.slice(3)] = text;
  }
  event.data = JSON.parse(message.value.toString('utf8'));
  const signature = event.ipcasesig;
  delete event.ipcasesig;
  return [event, signature];
}

// Stop once, for each wanted string, a message of the wanted type contains it (any partition order).
function seenAll(found, { type, contains }) {
  const wanted = Array.isArray(contains) ? contains : [contains];
  return wanted.every((needle) => found.some((m) => m.type === type && JSON.stringify(m.data).includes(needle)));
}

async function readKafka(request) {
  const contracts = await contractsOf(request);
  const consumer = kafkaClient(request.brokers).consumer({
    groupId: `partner.${request.partner}.conformance-${randomUUID()}`,
    sessionTimeout: 6000,
    rebalanceTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
  });
  const found = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: request.topic, fromBeginning: true });
    const done = new Promise((resolve) => {
      const timer = setTimeout(resolve, request.timeoutMs ?? 30000);
      consumer.run({
        eachMessage: async ({ message }) => {
          const [event, signature] = fromRecord(message);
          found.push({ ...(await check(event, signature, contracts)), key: message.key?.toString() ?? null });
          if (request.until && seenAll(found, request.until)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return { messages: found };
}

function toHeaders(event) {
  const headers = { 'content-type': event.datacontenttype ?? 'application/json' };
  for (const [name, value] of Object.entries(event)) {
    if (name !== 'data' && name !== 'datacontenttype') headers[`ce_${name}`] = String(value);
  }
  return headers;
}

async function sendKafka(request) {
  const event = request.event;
  const signature = request.privateJwk ? signEvent(event, request.privateJwk) : null;
  const producer = kafkaClient(request.brokers).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const headers = toHeaders(signature ? { ...event, ipcasesig: signature } : event);
    await producer.send({
      topic: request.topic,
      messages: [{ key: request.key ?? event.id, value: JSON.stringify(event.data), headers }],
    });
  } finally {
    await producer.disconnect();
  }
  return { id: event.id, signed: Boolean(signature) };
}

// ---------------------------------------------------------------- HTTP (cursor feed, inbound)

async function readHttp(request) {
  const contracts = await contractsOf(request);
  const url = `${request.baseUrl}/v1/feeds/${request.partner}/events?after=${request.after ?? 0}&limit=500&wait=${request.wait ?? 0}`;
  const page = await getJson(url, request.token);
  const messages = [];
  for (const item of page.events) {
    const { seq, ipcasesig, ...event } = item; // seq is the feed's cursor, not an event attribute
    messages.push({ ...(await check(event, ipcasesig, contracts)), seq });
  }
  return { messages, next_after: page.next_after, head: page.head };
}

async function sendHttp(request) {
  const event = request.event;
  const body = request.privateJwk ? { ...event, ipcasesig: signEvent(event, request.privateJwk) } : event;
  const response = await fetch(`${request.baseUrl}/v1/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const OPERATIONS = {
  keygen,
  'read-kafka': readKafka,
  'read-http': readHttp,
  'send-kafka': sendKafka,
  'send-http': sendHttp,
};

const request = await readStdin();
const operation = OPERATIONS[request.op];
if (!operation) throw new Error(`unknown op ${request.op}`);
process.stdout.write(JSON.stringify(await operation(request)));
process.exit(0);
