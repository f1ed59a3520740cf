'use strict';
// Byte-level interoperability check between authwatch's Java serde and Confluent's JavaScript
// client, driven by ConfluentJsInteropIT. Input (argv[2], JSON): the registry URL, the topic, and
// records, each as Avro JSON (every union wrapped, as Avro's Java JsonEncoder writes it) and as the
// bytes authwatch's serializer wrote. Output (stdout, JSON): the schema id, and per record the bytes
// Confluent's AvroSerializer writes and what its AvroDeserializer reads from authwatch's bytes.
//
// Confluent's serializer derives a schema from the message unless told otherwise, and a plain JS
// object has no record names, so JS producers must write with the registered schema:
// useLatestVersion (or useSchemaId) with autoRegisterSchemas off, as done here. avsc represents the
// TelemetryEvent payload union (several records) wrapped, keyed by the full record name, e.g.
// {"io.authwatch.telemetry.PageView": {...}}, and ["null","string"] unions unwrapped (null or a string).
// longs are JS numbers: exact up to 2^53, which covers timestamps and sequence numbers.
const fs = require('fs');
const avro = require('avsc');
const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

/** Avro JSON (all unions wrapped) to the value avsc expects for `type` with its default options. */
function fromAvroJson(type, v) {
  switch (type.typeName) {
    case 'record': {
      const out = {};
      for (const f of type.fields) {
        out[f.name] = fromAvroJson(f.type, v[f.name]);
      }
      return out;
    }
    case 'union:unwrapped':
    case 'union:wrapped': {
      if (v === null) {
        return null;
      }
      const [branch, inner] = Object.entries(v)[0];
      const t = type.types.find((b) => b.branchName === branch);
      if (!t) {
        throw new Error(`no union branch ${branch} in ${JSON.stringify(type.types.map((b) => b.branchName))}`);
      }
      const value = fromAvroJson(t, inner);
      return type.typeName === 'union:wrapped' ? { [branch]: value } : value;
    }
    case 'array':
      return v.map((x) => fromAvroJson(type.itemsType, x));
    case 'map':
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromAvroJson(type.valuesType, x)]));
    default:
      return v;
  }
}

/** The reverse: an avsc value to Avro JSON with every union wrapped, for Avro's Java JsonDecoder. */
function toAvroJson(type, v) {
  switch (type.typeName) {
    case 'record': {
      const out = {};
      for (const f of type.fields) {
        out[f.name] = toAvroJson(f.type, v[f.name]);
      }
      return out;
    }
    case 'union:unwrapped': {
      if (v === null || v === undefined) {
        return null;
      }
      const t = type.types.find((b) => b.typeName !== 'null' && b.isValid(v));
      return { [t.branchName]: toAvroJson(t, v) };
    }
    case 'union:wrapped': {
      if (v === null || v === undefined) {
        return null;
      }
      const [branch, inner] = Object.entries(v)[0];
      return { [branch]: toAvroJson(type.types.find((b) => b.branchName === branch), inner) };
    }
    case 'array':
      return v.map((x) => toAvroJson(type.itemsType, x));
    case 'map':
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toAvroJson(type.valuesType, x)]));
    default:
      return v;
  }
}

async function main() {
  const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const subject = `${input.topic}-value`;
  const client = SchemaRegistryClient.newClient({ baseURLs: [input.registryUrl], cacheCapacity: 100, maxRetries: 1 });
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false });
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});

  const latest = await client.getLatestSchemaMetadata(subject);
  const type = avro.Type.forSchema(JSON.parse(latest.schema));
  const results = [];
  for (const record of input.records) {
    const value = fromAvroJson(type, JSON.parse(record.avroJson));
    const jsBytes = await serializer.serialize(input.topic, value);
    const decoded = await deserializer.deserialize(input.topic, Buffer.from(record.javaBytes, 'hex'));
    results.push({ jsBytes: jsBytes.toString('hex'), decodedAvroJson: JSON.stringify(toAvroJson(type, decoded)) });
  }
  // The client's own registry calls: lookup, compatibility, and registering the same text elsewhere
  const info = { schemaType: 'AVRO', schema: latest.schema };
  const lookedUpId = await client.getId(subject, info);
  const compatible = await client.testSubjectCompatibility(subject, info);
  const registeredElsewhereId = await client.register(`${input.topic}.js-copy-value`, info);
  const output = JSON.stringify({
    schemaId: latest.id, schemaVersion: latest.version, lookedUpId, compatible, registeredElsewhereId, results,
  });
  process.stdout.write(output + '\n', () => process.exit(0));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
