/**
 * Regenerates intents/data/traditional-units.txt: the characters OpenCC converts from
 * traditional to simplified, which normalize.ts looks up instead of loading OpenCC for every
 * message. Run after upgrading opencc-js (a test fails until then).
 *
 *   node dist/intents/tools/traditionalUnits.js
 */
import * as fs from 'fs';
import { TRADITIONAL_UNITS_FILE, traditionalUnitsFromOpenCC } from '../normalize';
import { dataPath } from '../packageRoot';

const units = traditionalUnitsFromOpenCC();
fs.writeFileSync(dataPath(TRADITIONAL_UNITS_FILE), units + '\n');
process.stderr.write(`${units.length} traditional characters\n`);
