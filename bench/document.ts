// Writes one synthetic seed document: its relationships as sentences, statements by officials
// with dates and stances, and the claims they take stances on, all with exact evidence spans.
import type {
  DateSpec,
  Evidence,
  RelationshipType,
  SeedClaim,
  SeedDocument,
  SeedRelationship,
  SeedStatement,
  Stance,
} from '../src/seed/format.js';
import { capitalized, monthDayText, MONTHS, withThousands } from './names.js';
import { mulberry32, hash32, pick, pickWeighted, shareOf, shareStart } from './random.js';
import { SourceWriter, type Phrase } from './source-writer.js';
import type { EntityRef, PlannedRelationship, SyntheticWorld } from './world.js';

/** A document and the text its evidence points into. */
export interface GeneratedDocument {
  document: SeedDocument;
  text: string;
}

// Mix of the sampled relationships (the planted and per-entity ones come on top).
const SAMPLED_TYPES: readonly (readonly [RelationshipType, number])[] = [
  ['HOLDS_ROLE', 30],
  ['PART_OF', 14],
  ['PARTY_TO', 10],
  ['INVOLVED_IN', 12],
  ['LOCATED_IN', 8],
  ['ALLIED_WITH', 10],
  ['SUPPLIES', 10],
  ['AT_WAR_WITH', 6],
];
const BACKGROUND_SHARE = 0.08;
/** Of a document's claims, this share are allegations behind ALLEGED relationships. */
const ALLEGED_CLAIM_SHARE = 0.4;
const QUANTITY_CLAIM_SHARE = 0.35;
const PUBLICATION_YEAR = 2024;
const SENTENCES_PER_PARAGRAPH = 8;

const GOODS = ['artillery shells', 'fuel', 'attack drones', 'small arms', 'grain', 'air-defence missiles', 'armoured vehicles'];
const QUOTES = [
  'We will respond to any provocation.',
  'These reports are baseless.',
  'Our position has not changed.',
  'The facts speak for themselves.',
  'We are monitoring the situation closely.',
  'No decision has been taken yet.',
];
/** Words that introduce the claim a statement takes a stance on. */
const STANCE_LEADS: Record<Stance, string> = {
  ASSERTS: 'said that ',
  ESTIMATES: 'estimated that ',
  ACCUSES: 'alleged that ',
  DENIES: 'denied that ',
  REFRAINS_FROM_DENYING: 'did not deny that ',
  DOES_NOT_CONFIRM: 'did not confirm whether ',
  DECLINES_TO_COMMENT: 'declined to comment on whether ',
};
const BACKGROUND_VERBS: Record<RelationshipType, string> = {
  HOLDS_ROLE: 'holds a role at',
  PART_OF: 'is part of',
  PARTY_TO: 'is a party to',
  AT_WAR_WITH: 'is at war with',
  ALLIED_WITH: 'is allied with',
  INVOLVED_IN: 'is involved in',
  SUPPLIES: 'supplies',
  LOCATED_IN: 'takes place in',
};

type Basis = SeedRelationship['basis'];

interface DraftClaim {
  claim: SeedClaim;
  phrase: Phrase;
}

/** Everything one document contains, sized by its share of the corpus. */
interface DocumentPlan {
  relationships: PlannedRelationship[];
  statements: number;
  claims: number;
  hubStatements: number;
  probeMeasureClaims: number;
  /** Global number of this document's first probe-measure claim (each gets its own value). */
  firstProbeMeasureClaim: number;
}

/** The source id of document `index` (0-based) of a corpus: synth-10k-0001. */
export function sourceIdOf(corpusName: string, index: number): string {
  return `synth-${corpusName}-${String(index + 1).padStart(4, '0')}`;
}

/** The relationships and counts of document `index`: planted, per-entity and sampled relationships. */
function planDocument(world: SyntheticWorld, index: number, random: () => number): DocumentPlan {
  const { size } = world;
  const documents = size.documents;
  const planted: PlannedRelationship[] = [];
  const hubFirst = shareStart(world.hubDegree, documents, index);
  for (let h = hubFirst; h < hubFirst + shareOf(world.hubDegree, documents, index); h++) planted.push(world.hubRelationship(h));
  const probe = world.probeRelationships();
  probe.forEach((relationship, i) => {
    if (Math.floor((i * documents) / probe.length) === index) planted.push(relationship);
  });
  if (index === documents - 1) planted.push(...world.pathRelationships());

  // Every general entity is stated in its place once, in the document its block falls to.
  for (const kind of ['Person', 'Organization', 'Agreement', 'Event', 'Country'] as const) {
    const first = world.firstGeneral[kind];
    const start = first + shareStart(world.general(kind), documents, index);
    const end = start + shareOf(world.general(kind), documents, index);
    for (let i = start; i < end; i++) planted.push(world.primaryRelationship({ kind, index: i }, random()));
  }

  const total = shareOf(size.relationships, documents, index);
  const sampled = total - planted.length;
  if (sampled < 0)
    throw new Error(
      `document ${index + 1} needs ${planted.length} relationships but has room for ${total}: use fewer entities or more relationships`,
    );
  const relationships = planted;
  for (let i = 0; i < sampled; i++) relationships.push(world.sampledRelationship(pickWeighted(random(), SAMPLED_TYPES), random));
  shuffle(relationships, random);

  return {
    relationships,
    statements: shareOf(world.statements, documents, index),
    claims: shareOf(world.claims, documents, index),
    hubStatements: shareOf(world.hubStatements, documents, index),
    probeMeasureClaims: shareOf(world.probeMeasureClaims, documents, index),
    firstProbeMeasureClaim: shareStart(world.probeMeasureClaims, documents, index),
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
}

/** Chooses each relationship's basis: a fixed number ALLEGED (one claim each), some BACKGROUND, the rest STATED. */
function chooseBases(relationships: PlannedRelationship[], alleged: number, random: () => number): Basis[] {
  const bases: Basis[] = relationships.map((r) => (!r.keepStated && random() < BACKGROUND_SHARE ? 'BACKGROUND' : 'STATED'));
  // A role is not much of an allegation; allegations are about wars, supplies, treaties, events.
  const candidates = relationships.flatMap((r, i) => (r.keepStated || r.type === 'HOLDS_ROLE' ? [] : [i]));
  const count = Math.min(alleged, candidates.length);
  // One in each of `count` equal slices of the candidates: spread out, and never the same twice.
  for (let k = 0; k < count; k++) {
    const start = shareStart(candidates.length, count, k);
    const position = candidates[start + Math.floor(random() * shareOf(candidates.length, count, k))];
    if (position !== undefined) bases[position] = 'ALLEGED';
  }
  return bases;
}

/** An entity as news copy names it: "the Zodi Offensive", "the Kome Assembly", but "Lapunia". */
function the(ref: EntityRef): Phrase {
  return ref.kind === 'Country' || ref.kind === 'Person' ? [ref] : ['the ', ref];
}

/** The phrase with its first letter upper-cased, to open a sentence. */
function sentenceCase(phrase: Phrase): Phrase {
  const [first, ...rest] = phrase;
  return typeof first === 'string' ? [capitalized(first), ...rest] : phrase;
}

/** The core words of a relationship, e.g. "Bedoria supplies fuel to Kalostan". */
function relationshipPhrase(r: PlannedRelationship, random: () => number): Phrase {
  const variant = <T>(options: readonly T[]) => pick(random(), options);
  switch (r.type) {
    case 'HOLDS_ROLE':
      // Like the article's "Vice Foreign Minister Kim Jong Gyu": title, name, body.
      return [`${r.role ?? 'Official'} `, r.from, ' of ', ...the(r.to)];
    case 'PART_OF':
      return [...the(r.from), variant([' is part of ', ' operates under ', ' reports to ']), ...the(r.to)];
    case 'PARTY_TO':
      return [r.from, variant([' is a party to ', ' signed ', ' ratified ']), ...the(r.to)];
    case 'AT_WAR_WITH':
      return [r.from, variant([' is at war with ', ' continued its war against ']), r.to];
    case 'ALLIED_WITH':
      return [r.from, variant([' is allied with ', ' reaffirmed its alliance with ']), r.to];
    case 'SUPPLIES':
      return [r.from, variant([' supplies ', ' has been shipping ']), `${variant(GOODS)} to `, r.to];
    case 'INVOLVED_IN':
      return [r.from, variant([' is involved in ', ' took part in ']), ...the(r.to)];
    case 'LOCATED_IN':
      return [...the(r.from), variant([' took place in ', ' is unfolding in ']), r.to];
  }
}

/** Writes one synthetic document; the same world and index always give the same document. */
export function writeDocument(world: SyntheticWorld, index: number): GeneratedDocument {
  const random = mulberry32(hash32(world.seed, index, 0x5eed));
  const sourceId = sourceIdOf(world.size.name, index);
  const writer = new SourceWriter(world, sourceId);
  const plan = planDocument(world, index, random);

  const title = `Synthetic dispatch ${index + 1} of ${world.size.documents} (${world.size.name} corpus)`;
  writer.write(`${title}\n\nPublished `);
  const published = publishedDate(writer, random);
  writer.write('.\n\n');

  const claims: DraftClaim[] = [];
  const newClaimId = () => `${sourceId}-claim-${String(claims.length + 1).padStart(3, '0')}`;
  // Claims come from allegations (one per ALLEGED relationship) and from statements (one each).
  const ownClaims = Math.min(plan.claims - Math.floor(plan.claims * ALLEGED_CLAIM_SHARE), plan.statements);
  const bases = chooseBases(plan.relationships, plan.claims - ownClaims, random);

  const relationships: SeedRelationship[] = [];
  const statements: SeedStatement[] = [];
  let sentences = 0;
  const endSentence = () => writer.write(++sentences % SENTENCES_PER_PARAGRAPH === 0 ? '\n\n' : ' ');

  const writeStatementNumber = (j: number) => {
    const isHub = Math.floor(((j + 1) * plan.hubStatements) / plan.statements) > Math.floor((j * plan.hubStatements) / plan.statements);
    const probeMeasure = j < plan.probeMeasureClaims ? plan.firstProbeMeasureClaim + j : null;
    statements.push(
      writeStatement(world, writer, random, {
        id: `${sourceId}-stmt-${String(j + 1).padStart(3, '0')}`,
        isHub,
        ownsClaim: j < ownClaims,
        probeMeasure,
        claims,
        newClaimId,
      }),
    );
    endSentence();
  };

  let statementsWritten = 0;
  plan.relationships.forEach((planned, r) => {
    const id = `${sourceId}-rel-${String(r + 1).padStart(4, '0')}`;
    const basis = bases[r] ?? 'STATED';
    relationships.push(writeRelationship(writer, random, planned, id, basis, basis === 'ALLEGED' ? { claims, newClaimId } : null));
    endSentence();
    // Statements are spread evenly between the relationship sentences.
    const due = Math.floor(((r + 1) * plan.statements) / plan.relationships.length);
    while (statementsWritten < due) writeStatementNumber(statementsWritten++);
  });
  while (statementsWritten < plan.statements) writeStatementNumber(statementsWritten++);

  const document: SeedDocument = {
    formatVersion: 1,
    source: {
      id: sourceId,
      title,
      file: `${sourceId}.txt`,
      publisher: 'Synthetic Benchmark Wire',
      url: null,
      publishedDate: published,
      language: 'en',
    },
    entities: writer.entities(),
    relationships,
    statements,
    claims: claims.map((draft) => draft.claim),
  };
  return { document, text: writer.text() };
}

function publishedDate(writer: SourceWriter, random: () => number): DateSpec {
  const month = 11 + Math.floor(random() * 2);
  const day = 1 + Math.floor(random() * 28);
  const span = writer.written(`${day} ${MONTHS[month - 1] ?? ''} ${PUBLICATION_YEAR}`);
  return dateSpec(span, PUBLICATION_YEAR, month, day, 'DAY');
}

function dateSpec(
  span: Evidence,
  year: number | null,
  month: number | null,
  day: number | null,
  precision: DateSpec['precision'],
): DateSpec {
  // A date without its year gets the publication year, marked as inferred and why.
  const stated = year !== null;
  return {
    text: span.quote,
    year,
    month,
    day,
    precision,
    inferredYear: stated ? null : PUBLICATION_YEAR,
    inferredYearBasis: stated ? null : `the dispatch was published in ${PUBLICATION_YEAR} and gives no year for this date`,
    inferred: false,
    inferenceBasis: null,
    evidence: [span],
  };
}

interface ClaimSink {
  claims: DraftClaim[];
  newClaimId: () => string;
}

function writeRelationship(
  writer: SourceWriter,
  random: () => number,
  planned: PlannedRelationship,
  id: string,
  basis: Basis,
  sink: ClaimSink | null,
): SeedRelationship {
  const { from, to, type } = planned;
  const relationship = (evidence: Evidence[], extra: Partial<SeedRelationship> = {}): SeedRelationship => ({
    id,
    type,
    from: writer.facts(from).id,
    to: writer.facts(to).id,
    role: planned.role,
    basis,
    claimId: null,
    since: null,
    note: null,
    evidence,
    ...extra,
  });

  if (basis === 'BACKGROUND') {
    // Like the article's background links: the source names both, the link itself is known from elsewhere.
    writer.phrase(['The dispatch also refers to ', ...the(from), ' and ', ...the(to), '.']);
    const verb = type === 'HOLDS_ROLE' && planned.role ? `is ${planned.role} at` : BACKGROUND_VERBS[type];
    return relationship([], { note: `Background (not in the source): ${writer.facts(from).name} ${verb} ${writer.facts(to).name}.` });
  }

  if (basis === 'ALLEGED' && sink) {
    writer.write(pick(random(), ['Reports allege that ', 'Unnamed officials claim that ', 'It is alleged that ']));
    const phrase = relationshipPhrase(planned, random);
    const { span, entityIds } = writer.phrase(phrase);
    writer.write('.');
    const claimId = sink.newClaimId();
    sink.claims.push({
      phrase,
      claim: {
        id: claimId,
        proposition: capitalized(span.quote),
        topic: `alleged-${type.toLowerCase().replace(/_/g, '-')}`,
        about: entityIds,
        quantity: null,
        evidence: [span],
        contradicts: [],
      },
    });
    return relationship([span], { claimId });
  }

  if (type === 'HOLDS_ROLE') {
    const { span } = writer.phrase(relationshipPhrase(planned, random));
    writer.write(
      pick(random(), [' attended the talks.', ' spoke at the briefing.', ' met the delegation.', ' was present at the session.']),
    );
    return relationship([span]);
  }
  const opening = pick(random(), ['', '', 'Officials confirmed that ', 'The dispatch notes that ']);
  writer.write(opening);
  const phrase = relationshipPhrase(planned, random);
  const { span } = writer.phrase(opening === '' ? sentenceCase(phrase) : phrase);
  if (type === 'ALLIED_WITH' && random() < 0.25) {
    // Some alliances carry the year they began.
    writer.write(' since ');
    const year = 1990 + Math.floor(random() * 34);
    const yearSpan = writer.written(String(year));
    writer.write('.');
    return relationship([span], { since: dateSpec(yearSpan, year, null, null, 'YEAR') });
  }
  writer.write('.');
  return relationship([span]);
}

interface StatementSpec extends ClaimSink {
  id: string;
  /** Spoken by one of the hub's officials (so the hub's affiliation filter has results). */
  isHub: boolean;
  /** Introduces a claim of its own (else it takes a stance on an allegation already made). */
  ownsClaim: boolean;
  /** Global number of the probe-measure claim this statement introduces, if it does. */
  probeMeasure: number | null;
}

function writeStatement(world: SyntheticWorld, writer: SourceWriter, random: () => number, spec: StatementSpec): SeedStatement {
  const speaker = spec.isHub
    ? random() < 0.3
      ? world.hubLeader(Math.floor(random() * world.hubLeaders))
      : world.hubStaff(Math.floor(random() * world.hubStaffCount))
    : world.sample('Person', random());
  const { body, role } = world.employer(speaker.index);

  const sentence = writer.mark();
  writer.write('On ');
  const date = statementDate(writer, random);
  writer.write(`, ${role} `);
  const speakerId = writer.mention(speaker);
  writer.write(' of ');
  writer.phrase(the(body));

  let cites: string[] = [];
  let citesText: string | null = null;
  const cited = random() < 0.15 ? findOrganization(world, random, 'INTELLIGENCE_SERVICE') : null;
  if (cited) {
    writer.write(', ');
    const mark = writer.mark();
    writer.write('citing the ');
    cites = [writer.mention(cited)];
    citesText = writer.spanSince(mark).quote;
    writer.write(',');
  }
  writer.write(' ');

  const primary = spec.ownsClaim ? newStatementClaim(world, writer, random, spec) : null;
  const target = primary ?? pickAllegation(spec.claims, random);
  const stances: SeedStatement['stances'] = [];
  const about: string[] = [];
  let summary = `${writer.facts(speaker).name} made a statement`;
  if (target) {
    const stance: Stance = primary
      ? primary.claim.quantity
        ? 'ESTIMATES'
        : pickWeighted(random(), [
            ['ASSERTS', 70],
            ['ACCUSES', 20],
            ['DENIES', 10],
          ] as const)
      : pickWeighted(random(), [
          ['DENIES', 45],
          ['REFRAINS_FROM_DENYING', 20],
          ['DECLINES_TO_COMMENT', 15],
          ['ASSERTS', 20],
        ] as const);
    const mark = writer.mark();
    writer.write(STANCE_LEADS[stance]);
    const { span, entityIds } = writer.phrase(target.phrase);
    if (primary) {
      primary.claim.evidence.push(span);
      spec.claims.push(primary);
    }
    stances.push({ claim: target.claim.id, stance, evidence: [writer.spanSince(mark)] });
    about.push(...entityIds);
    summary = `${writer.facts(speaker).name} ${STANCE_LEADS[stance]}${span.quote}`;

    const other = spec.claims.length > 1 && random() < 0.2 ? pick(random(), spec.claims) : null;
    if (other && other.claim.id !== target.claim.id) {
      writer.write(', and ');
      const second = writer.mark();
      writer.write(STANCE_LEADS.DOES_NOT_CONFIRM);
      const { entityIds: otherIds } = writer.phrase(other.phrase);
      stances.push({ claim: other.claim.id, stance: 'DOES_NOT_CONFIRM', evidence: [writer.spanSince(second)] });
      for (const entityId of otherIds) if (!about.includes(entityId)) about.push(entityId);
    }
  }

  let via: string | null = null;
  const outlet = random() < 0.2 ? findOrganization(world, random, 'NEWS_AGENCY') : null;
  if (outlet) {
    writer.write(', in remarks carried by the ');
    via = writer.mention(outlet);
    summary += `, via the ${writer.facts(outlet).name}`;
  }
  writer.write('.');
  const evidence = [writer.spanSince(sentence)];

  let quote: Evidence | null = null;
  if (random() < 0.15) {
    const quoted = writer.mark();
    writer.write(' "');
    quote = writer.written(pick(random(), QUOTES));
    writer.write(`" the ${role.toLowerCase()} added.`);
    evidence.push(writer.spanSince(quoted));
  }

  return { id: spec.id, speakers: [speakerId], via, cites, citesText, about, summary: `${summary}.`, quote, date, evidence, stances };
}

/** A date stated without a year half of the time (the year is then inferred from the publication). */
function statementDate(writer: SourceWriter, random: () => number): DateSpec {
  const month = 1 + Math.floor(random() * 10);
  const day = 1 + Math.floor(random() * 28);
  if (random() < 0.5) return dateSpec(writer.written(monthDayText(month, day)), null, month, day, 'MONTH_DAY');
  return dateSpec(writer.written(`${day} ${MONTHS[month - 1] ?? ''} ${PUBLICATION_YEAR}`), PUBLICATION_YEAR, month, day, 'DAY');
}

/** The latest allegations are the ones officials answer; any claim of the document will do otherwise. */
function pickAllegation(claims: DraftClaim[], random: () => number): DraftClaim | null {
  const allegations = claims.filter((draft) => draft.claim.topic.startsWith('alleged-'));
  const pool = allegations.length > 0 ? allegations : claims;
  return pool.length > 0 ? pick(random(), pool) : null;
}

/** A general organization of a type, found by trying popular ones; null if none turns up. */
function findOrganization(world: SyntheticWorld, random: () => number, type: 'NEWS_AGENCY' | 'INTELLIGENCE_SERVICE'): EntityRef | null {
  for (let attempt = 0; attempt < 50; attempt++) {
    const org = world.sample('Organization', random());
    if (world.orgType(org.index) === type) return org;
  }
  return null;
}

/** A claim introduced by a statement: a quantity estimate or a proposition about countries, treaties, events. */
function newStatementClaim(world: SyntheticWorld, writer: SourceWriter, random: () => number, spec: StatementSpec): DraftClaim {
  const id = spec.newClaimId();
  const claim = (phrase: Phrase, topic: string, quantity: SeedClaim['quantity']): DraftClaim => ({
    phrase,
    // about and evidence are filled in when the statement writes the phrase.
    claim: { id, proposition: '', topic, about: [], quantity, evidence: [], contradicts: [] },
  });
  const measureIndex =
    spec.probeMeasure !== null
      ? 0
      : random() < QUANTITY_CLAIM_SHARE && world.measures > 1
        ? 1 + Math.floor(random() * (world.measures - 1))
        : null;
  let draft: DraftClaim;
  if (measureIndex !== null) {
    const measure = world.measure(measureIndex);
    const { template } = measure;
    // Probe-measure claims get distinct values so that every pair of them conflicts.
    const raw =
      spec.probeMeasure !== null ? template.magnitude * (0.5 + 0.25 * spec.probeMeasure) : template.magnitude * (0.4 + 1.2 * random());
    const value = roundToTwoDigits(raw);
    const approximate = random() < 0.6;
    draft = claim(
      [measure.a, ` ${template.before} ${approximate ? 'about ' : ''}${withThousands(value)} ${template.after} `, measure.b],
      template.slug,
      { measure: measure.slug, value, unit: template.unit, approximate, qualifiers: approximate ? ['about'] : [] },
    );
  } else {
    const a = spec.isHub && random() < 0.5 ? world.hub : world.sample('Country', random());
    let b = world.sample('Country', random());
    for (let attempt = 0; b.index === a.index && attempt < 20; attempt++) b = world.sample('Country', random());
    const topic = pick(random(), [
      'offensive-preparations',
      'treaty-violation',
      'maritime-incidents',
      'sanctions-evasion',
      'civilian-harm',
      'election-interference',
    ] as const);
    const phrases: Record<typeof topic, Phrase> = {
      'offensive-preparations': [a, ' is preparing an offensive against ', b],
      'treaty-violation': [a, ' has violated ', ...the(world.sample('Agreement', random()))],
      'maritime-incidents': [a, ' staged a maritime blockade of ', b],
      'sanctions-evasion': [a, ' helped ', b, ' evade sanctions'],
      'civilian-harm': [...the(world.sample('Event', random())), ' caused heavy civilian losses'],
      'election-interference': [...the(world.sample('Organization', random())), ' interfered in the elections of ', b],
    };
    draft = claim(phrases[topic], topic, null);
  }
  // The proposition is the phrase's wording; its entities are what the claim is about.
  const words = draft.phrase.map((piece) => (typeof piece === 'string' ? piece : writer.facts(piece).name)).join('');
  draft.claim.proposition = capitalized(words);
  draft.claim.about = [...new Set(draft.phrase.flatMap((piece) => (typeof piece === 'string' ? [] : [writer.facts(piece).id])))];
  return draft;
}

function roundToTwoDigits(value: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, value))) - 1);
  return Math.max(1, Math.round(value / magnitude) * magnitude);
}
