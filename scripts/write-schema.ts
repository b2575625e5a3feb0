// Writes schemas/config.schema.json from the rules' metadata: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../server/src/analysis';
import { configSchema } from '../server/src/analysis/config-schema';

const path = join(__dirname, '..', 'schemas', 'config.schema.json');
writeFileSync(path, `${JSON.stringify(configSchema(allRules), null, 2)}\n`);
console.log(`wrote ${path}`);
