#!/usr/bin/env node
// Reads meetkg's five GraphML exports with graphology + graphology-graphml (the
// parser Gephi Lite uses). Prints node and edge counts as JSON on stdout and checks
// them against the row counts of the CSV exports.
//
// Usage: node check.mjs EXPORT_DIR
//
// The GraphML text is parsed with the DOMParser of @xmldom/xmldom, the DOM that
// graphology-graphml uses under Node, with XML errors made fatal. The resulting
// Document goes to graphml.parse. That works because package.json pins
// @xmldom/xmldom to the range graphology-graphml depends on, so npm installs one
// shared copy and the parser's `instanceof Document` check passes.
//
// Exit status: 0 when everything matches, 1 on a mismatch or an unreadable file,
// 2 on a usage error. Diagnostics and a closing "N passed, N failed" line go to
// stderr.

import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import graphml from 'graphology-graphml';

const GRAPHS = ['coparticipation', 'topics', 'person-topic', 'organisation-person', 'topic-evolution'];

/** RFC 4180 CSV: returns rows (arrays of fields); quoted fields may hold commas, quotes and newlines. */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  // Blank lines are not records.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function parseXml(text, path) {
  const problems = [];
  const parser = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (msg) => problems.push(msg),
      fatalError: (msg) => problems.push(msg),
    },
  });
  const doc = parser.parseFromString(text, 'application/xml');
  if (problems.length) throw new Error(`${path}: XML error: ${problems[0]}`);
  return doc;
}

const dir = process.argv[2];
if (!dir || process.argv.length > 3 || !existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error('usage: node check.mjs EXPORT_DIR');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.error(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}

const result = {};
for (const g of GRAPHS) {
  const out = (result[g] = {});
  try {
    const doc = parseXml(readFileSync(join(dir, `${g}.graphml`), 'utf8'), `${g}.graphml`);
    const graph = graphml.parse(Graph, doc);
    out.nodes = graph.order;
    out.edges = graph.size;
    out.type = graph.type;
    out.multi = graph.multi;
    check(`${g}: graphology-graphml parses the GraphML`, true, `${graph.order} nodes, ${graph.size} edges`);
    check(`${g}: graphology sees an undirected graph`, graph.type === 'undirected', `type ${graph.type}`);
    const noLabel = graph.filterNodes((_, a) => typeof a.label !== 'string' || a.label.trim() === '');
    check(`${g}: every node has a non-empty label`, noLabel.length === 0,
      noLabel.length ? `without label: ${noLabel.slice(0, 5).join(', ')}` : '');
    const badWeight = graph.filterEdges((_, a) => !(typeof a.weight === 'number' && Number.isFinite(a.weight) && a.weight > 0));
    check(`${g}: every edge weight is a positive number`, badWeight.length === 0,
      badWeight.length ? `${badWeight.length} bad` : '');
  } catch (e) {
    out.error = String(e.message || e);
    check(`${g}: graphology-graphml parses the GraphML`, false, out.error);
  }
  for (const kind of ['nodes', 'edges']) {
    const key = `csv_${kind}`;
    try {
      const rows = parseCsv(readFileSync(join(dir, `${g}-${kind}.csv`), 'utf8'));
      out[key] = Math.max(rows.length - 1, 0);
      const header = rows[0] || [];
      const want = kind === 'nodes' ? ['Id', 'Label'] : ['Source', 'Target', 'Type', 'Weight'];
      check(`${g}: ${kind} CSV header starts ${want.join(',')}`,
        want.every((h, i) => header[i] === h), `header: ${header.join(',')}`);
    } catch (e) {
      out[key] = null;
      check(`${g}: ${kind} CSV is readable`, false, String(e.message || e));
    }
    check(`${g}: GraphML ${kind} == CSV rows`, out[kind] !== undefined && out[kind] === out[key],
      `graphml ${out[kind]}, csv ${out[key]}`);
  }
  if (out.nodes !== undefined) check(`${g}: graph has nodes`, out.nodes > 0, `${out.nodes} nodes`);
}

result.ok = failed === 0;
console.log(JSON.stringify(result, null, 2));
console.error(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
