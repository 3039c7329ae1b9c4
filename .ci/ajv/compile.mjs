// Compile JSON Schemas with Ajv 2020 in strict mode, as editors and JavaScript tools do:
// `node compile.mjs SCHEMA.json...` (all of them at once, so `$ref`s between them resolve).
// Every strict-mode finding is an error here, `strictRequired` and `strictTypes` included, and
// any warning Ajv logs counts too. Prints one line per finding; exits 1 if there are any, 2 if a
// file cannot be read or parsed, 0 if every schema compiles clean.
import { readFile } from "node:fs/promises";
import Ajv2020 from "ajv/dist/2020.js";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node compile.mjs SCHEMA.json...");
  process.exit(2);
}

const findings = [];
const logger = {
  log: () => {},
  warn: (...args) => findings.push(`warning: ${args.join(" ")}`),
  error: (...args) => findings.push(`error: ${args.join(" ")}`),
};
const ajv = new Ajv2020({
  strict: true, strictSchema: true, strictNumbers: true, strictTypes: true, strictTuples: true,
  strictRequired: true, allErrors: true, logger,
  // The schemas name formats (date, email, uri); Ajv has no format validators without
  // ajv-formats, and knowing their names is enough to compile.
  formats: { date: true, email: true, uri: true, "date-time": true, "idn-email": true, "iri": true },
});

const schemas = [];
for (const file of files) {
  try {
    schemas.push([file, JSON.parse(await readFile(file, "utf8"))]);
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    process.exit(2);
  }
}
for (const [file, schema] of schemas) {
  try {
    ajv.addSchema(schema);
  } catch (err) {
    findings.push(`${file}: ${err.message}`);
  }
}
for (const [file, schema] of schemas) {
  const before = findings.length;
  try {
    ajv.getSchema(schema.$id);
  } catch (err) {
    findings.push(err.message);
  }
  for (let i = before; i < findings.length; i++) findings[i] = `${file}: ${findings[i]}`;
}
for (const f of findings) console.log(f);
console.log(findings.length === 0 ? `ajv strict: ${files.length} schemas, no problems`
  : `ajv strict: ${findings.length} problem${findings.length === 1 ? "" : "s"} in ${files.length} schemas`);
process.exit(findings.length === 0 ? 0 : 1);
