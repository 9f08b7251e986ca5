// Reads Mermaid files with Mermaid itself (npm `mermaid`, under jsdom): prints
// "<file>\t<entities>\t<relationships>" for each, or "<file>\tERROR\t<message>".
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
    const count = entities instanceof Map ? entities.size : Object.keys(entities).length;
    console.log(`${file}\t${count}\t${diagram.db.getRelationships().length}`);
  } catch (e) {
    failed++;
    console.log(`${file}\tERROR\t${String(e.message || e).split('\n').slice(0, 3).join(' ')}`);
  }
}
process.exit(failed ? 1 : 0);
