// `npm run schemas`: regenerates schemas/*.schema.json from the TypeScript types.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSchemas } from './schema-generation';

const dir = path.resolve(__dirname, '..', 'schemas');
fs.mkdirSync(dir, { recursive: true });
for (const [file, text] of generateSchemas()) {
  fs.writeFileSync(path.join(dir, file), text);
  console.log(`schemas/${file}`);
}
