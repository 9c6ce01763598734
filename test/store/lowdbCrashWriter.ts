/**
 * Child process of lowdbCrash.test.ts: writes to a lowdb store in a loop (updates with a licence
 * change and a document each time) and prints "ack <version>" after each write is acknowledged,
 * until it is killed. Optional arguments: the log size at which the store checkpoints, and "each" to
 * make checkpoints fsync each file instead of one syncfs.
 */
import { lowdbStore } from '../../engine/store/lowdbStore.ts';
import { applicationRecord, documentRecord, licenceRecord, numbered } from './records.ts';

const checkpointBytes = process.argv[3] ? Number(process.argv[3]) : undefined;
const store = lowdbStore({ dir: process.argv[2]!, checkpointBytes, syncEachFile: process.argv[4] === 'each' });
await store.init();
let version = (await store.getApplication('app-1'))?.version ?? 0;
if (version === 0) {
  await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [licenceRecord()] }));
  version = 1;
}
for (;;) {
  const next = version + 1;
  await store.updateApplication(applicationRecord({ version: next, state: `s${next}` }), version, {
    documents: [documentRecord({ id: `doc-${next}` })],
    licences: [licenceRecord({ version: next, attributes: { step: next } })],
  });
  version = next;
  process.stdout.write(`ack ${version}\n`);
}
