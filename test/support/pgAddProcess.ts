// One process adding generated documents to the shared PostgreSQL index through the app's path (addMissing:
// analyse, skip what is held, write in batches), a few at a time so two such processes interleave. Run as
// `node --import tsx test/support/pgAddProcess.ts URL SCHEMA PREFIX FROM COUNT`; prints the count it added.
import { addMissing } from "../../src/store/index/openIndex.js";
import { PgIndex } from "../../src/store/index/pgIndex.js";
import { dealDocs } from "./madeUpNames.js";

const [url = "", schema = "", prefix = "", from = "0", count = "0"] = process.argv.slice(2);
const docs = dealDocs(prefix, Number(from), Number(count));
const index = await PgIndex.open(url, { schema, max: 2 });
let added = 0;
try {
  for (let i = 0; i < docs.length; i += 10) added += await addMissing(index, docs.slice(i, i + 10));
} finally {
  await index.close();
}
process.stdout.write(`${added}\n`);
