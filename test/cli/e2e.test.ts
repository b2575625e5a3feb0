import { after, before } from 'node:test';
import { examplesTests } from './e2e/examples';
import { exitCodeTests } from './e2e/exit-codes';
import { formatTests } from './e2e/formats';
import { projectTests } from './e2e/projects';
import { reviewTests } from './e2e/review';
import { removeProjects } from './helpers/projects';
import { ensureCliBuilt } from './helpers/run-cli';

// End-to-end tests of the bundled CLI. They live in one test file (the groups are in e2e/) so
// that the bundle is built at most once per run, not by two test processes racing on dist/.

before(ensureCliBuilt);
after(removeProjects);

exitCodeTests();
projectTests();
formatTests();
examplesTests();
reviewTests();
