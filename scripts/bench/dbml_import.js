// One SQL import with @dbml/core, as a user of its importer runs it: read the file, convert it
// to DBML. Prints "ok <tables> <refs>" or "fail <first message>"; scripts/bench-peers times the
// whole process.
const fs = require('fs');
const { importer, Parser } = require('@dbml/core');
const [file, format] = process.argv.slice(2);
try {
  const dbml = importer.import(fs.readFileSync(file, 'utf8'), format);
  const db = new Parser().parse(dbml, 'dbmlv2');
  const count = key => db.schemas.reduce((n, s) => n + s[key].length, 0);
  console.log(`ok ${count('tables')} ${count('refs')}`);
} catch (e) {
  const first = (e.diags && e.diags[0]) || e;
  const at = first.location && first.location.start
    ? ` at ${first.location.start.line}:${first.location.start.column}` : '';
  console.log(`fail ${String(first.message || first).split('\n')[0].slice(0, 120)}${at}`);
}
