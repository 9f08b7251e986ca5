const { Parser } = require('@dbml/core');
const fs = require('fs');
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const db = new Parser().parse(fs.readFileSync(file, 'utf8'), 'dbmlv2');
    const tables = db.schemas.reduce((n, s) => n + s.tables.length, 0);
    const refs = db.schemas.reduce((n, s) => n + s.refs.length, 0);
    const names = db.schemas.flatMap(s =>
      s.tables.map(t => (s.name === 'public' ? t.name : `${s.name}.${t.name}`)));
    console.log(`${file}\t${tables}\t${refs}\t${JSON.stringify(names)}`);
  } catch (e) {
    failed++;
    const diags = (e.diags || []).slice(0, 3).map(d => `${d.location && d.location.start ? d.location.start.line + ':' + d.location.start.column : ''} ${d.message}`);
    console.log(`${file}\tERROR\t${diags.join(' | ') || e.message}`);
  }
}
process.exit(failed ? 1 : 0);
