// Reads Mermaid files with Mermaid itself (npm `mermaid`, under jsdom): prints
// "<file>\t<entities>\t<relationships>\t<labels as JSON>" for each, or "<file>\tERROR\t<message>".
// A label's entity codes (`#60;`, which Mermaid keeps as `ﬂ°°60¶ß` until it draws) are shown as the characters Mermaid draws for them.
// The packages are looked up in $SCHEMABOARD_MERMAID/node_modules.
import { createRequire } from 'module';
import { pathToFileURL } from 'url';
import path from 'path';
import fs from 'fs';

const home = path.join(process.env.SCHEMABOARD_MERMAID, 'node_modules');
const require = createRequire(path.join(home, 'noop.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const entry = path.join(home, 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(entry).href);
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(fs.readFileSync(file, 'utf8'));
    const entities = diagram.db.getEntities();
    const list = entities instanceof Map ? [...entities.values()] : Object.values(entities);
    const labels = list.map(e => (e.alias || e.label || e.name || '')
      .replace(/(?:#|ﬂ°°)(\d+)(?:;|¶ß)/g, (_, code) => String.fromCodePoint(Number(code))));
    console.log(`${file}\t${list.length}\t${diagram.db.getRelationships().length}\t${JSON.stringify(labels)}`);
  } catch (e) {
    failed++;
    console.log(`${file}\tERROR\t${String(e.message || e).split('\n').slice(0, 3).join(' ')}`);
  }
}
process.exit(failed ? 1 : 0);
