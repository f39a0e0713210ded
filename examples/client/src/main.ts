// node examples/client/dist/main.js [url]: asks three questions of a running server and prints the answers.
import { execute } from './client.js';
import { Connection, Estimates, OfficialsSaid } from './questions.js';

const url = process.argv[2] ?? 'http://localhost:4000/graphql';

const { statements } = await execute(url, OfficialsSaid, { country: 'north-korea', first: 3 });
const said = statements?.edges ?? [];
console.log(`North Korea's officials: ${statements?.totalCount ?? 0} statements; the first ${said.length}:`);
for (const { node } of said) {
  console.log(`- ${node.speakers.map((speaker) => speaker.name).join(', ')} (${node.date?.display ?? 'undated'}): ${node.summary}`);
}

const { path: paths } = await execute(url, Connection, { from: 'kim-jong-gyu', to: 'volodymyr-zelensky' });
const path = paths?.[0];
console.log(`Kim Jong Gyu to Volodymyr Zelensky: ${path ? `${path.length} hops` : 'not connected'}`);
for (const hop of path?.hops ?? []) {
  console.log(`- ${hop.from.name} ${hop.type} ${hop.to.name} [${hop.relationship.basis}]`);
}

const { claims } = await execute(url, Estimates, { measure: 'nk-troops-in-russia' });
const estimates = claims?.edges ?? [];
console.log(`Troop estimates: ${estimates.length}`);
for (const { node } of estimates) {
  const value = node.quantity ? `${node.quantity.value} ${node.quantity.unit}` : 'no number';
  console.log(`- ${value}: ${node.proposition} (conflicts with ${node.conflictsWith.length})`);
}
