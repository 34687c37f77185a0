// Checks an OpenAPI document and values against its schemas, in a plain Node process: the validator is
// ESM only, which Jest's CommonJS runtime cannot load. One JSON request a line on stdin, one answer a line:
//   {"document": {...}}                  -> {"valid": true} or {"valid": false, "errors": [...]}
//   {"pointer": "/paths/...", "value": x} -> {"errors": null} or {"errors": [...]} (the document given before)
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { Validator } from '@seriousme/openapi-schema-validator';

// The JSON Schema 2020-12 engine the validator itself runs on (ajv 8), from where the validator resolves it.
const Ajv2020 = createRequire(import.meta.resolve('@seriousme/openapi-schema-validator'))('ajv/dist/2020.js').default;

let ajv;
const answer = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  if (request.document) {
    const { valid, errors } = await new Validator().validate(request.document);
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(request.document, 'openapi.json');
    answer({ valid, errors });
  } else {
    const validate = ajv.getSchema(`openapi.json#${request.pointer}`);
    if (!validate) answer({ errors: [`no schema at ${request.pointer}`] });
    else answer({ errors: validate(request.value) ? null : validate.errors });
  }
}
