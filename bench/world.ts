// The synthetic world behind a corpus: which entities exist and the facts every document agrees on
// (a person's employer and title, an organization's parent body, an agreement's parties, an event's
// place). Every fact is a pure function of (seed, index), so documents can be generated one at a
// time in bounded memory, and the probes can be computed without generating anything.
import type { EntityKind, RelationshipType, SeedAlias } from '../src/seed/format.js';
import type { CorpusSize } from './generate.js';
import { capitalized, COUNTRY_ENDINGS, FIRST_NAMES, slugify, stem } from './names.js';
import { pick, pickWeighted, popularIndex, unitHash } from './random.js';

/** One entity of the world: its kind and its position among the entities of that kind. */
export interface EntityRef {
  kind: EntityKind;
  index: number;
}

/** What every document says about an entity, whichever document declares it. */
export interface EntityFacts {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: SeedAlias[];
  description: string;
  orgType?: OrgType;
  eventStatus?: EventStatus;
  eventDate?: { year: number; month: number; day: number | null };
}

/** A relationship to write into a document, before its wording, basis and evidence are chosen. */
export interface PlannedRelationship {
  type: RelationshipType;
  from: EntityRef;
  to: EntityRef;
  role: string | null;
  /** Planted probe relationships stay STATED so path and degree probes hold with `basis: [STATED]` too. */
  keepStated: boolean;
}

export type OrgType = 'MINISTRY' | 'NEWS_AGENCY' | 'INTELLIGENCE_SERVICE' | 'LEGISLATORS' | 'GOVERNMENT_GROUP' | 'MEDIA' | 'OTHER';
export type EventStatus = 'OCCURRING' | 'ALLEGED' | 'PLANNED' | 'REPORTED';
type CountryPairType = 'AT_WAR_WITH' | 'ALLIED_WITH' | 'SUPPLIES';

/** A quantity several claims estimate differently (the troop estimates of the reference article). */
export interface Measure {
  slug: string;
  template: QuantityTemplate;
  a: EntityRef;
  b: EntityRef;
}

export interface QuantityTemplate {
  slug: string;
  unit: string;
  /** Typical size of the quantity; claims scatter around it. */
  magnitude: number;
  /** Words before the number and after it: "{a} has deployed" 12,000 "troops to {b}". */
  before: string;
  after: string;
}

export const QUANTITY_TEMPLATES: readonly QuantityTemplate[] = [
  { slug: 'troops-deployed', unit: 'troops', magnitude: 10_000, before: 'has deployed', after: 'troops to' },
  { slug: 'shells-supplied', unit: 'shells', magnitude: 500_000, before: 'has supplied', after: 'artillery shells to' },
  { slug: 'drones-supplied', unit: 'drones', magnitude: 2_000, before: 'has shipped', after: 'attack drones to' },
  { slug: 'soldiers-lost', unit: 'soldiers', magnitude: 8_000, before: 'has lost', after: 'soldiers in the fighting with' },
  { slug: 'warships-deployed', unit: 'warships', magnitude: 40, before: 'has sent', after: 'warships on maritime patrols near' },
];

// Kind shares of the entities. Countries are few and well connected (six of the eight relationship
// types touch one); people are many and mostly have a handful of relationships.
const KIND_SHARES: Record<Exclude<EntityKind, 'Person'>, number> = { Country: 0.03, Organization: 0.25, Agreement: 0.07, Event: 0.15 };

// Heavier heads (smaller skew) for kinds that have celebrities: a few people are everywhere.
const SKEW: Record<EntityKind, number> = { Country: 0.1, Person: 0.002, Organization: 0.01, Agreement: 0.02, Event: 0.01 };

const ORG_TYPE_WEIGHTS: readonly (readonly [OrgType, number])[] = [
  ['MINISTRY', 25],
  ['GOVERNMENT_GROUP', 15],
  ['INTELLIGENCE_SERVICE', 10],
  ['NEWS_AGENCY', 10],
  ['LEGISLATORS', 10],
  ['MEDIA', 10],
  ['OTHER', 20],
];
const PARENT_TYPES = new Set<OrgType>(['MINISTRY', 'GOVERNMENT_GROUP', 'INTELLIGENCE_SERVICE', 'LEGISLATORS']);
const ORG_NOUN: Record<OrgType, string> = {
  MINISTRY: 'Ministry',
  GOVERNMENT_GROUP: 'Council',
  INTELLIGENCE_SERVICE: 'Intelligence Service',
  NEWS_AGENCY: 'News Agency',
  LEGISLATORS: 'Assembly',
  MEDIA: 'Herald',
  OTHER: 'Institute',
};
const ORG_LABEL: Record<OrgType, string> = {
  MINISTRY: 'Ministry',
  GOVERNMENT_GROUP: 'Government council',
  INTELLIGENCE_SERVICE: 'Intelligence service',
  NEWS_AGENCY: 'State news agency',
  LEGISLATORS: 'Legislative assembly',
  MEDIA: 'Newspaper',
  OTHER: 'Research institute',
};
const ORG_ROLES: Record<OrgType, readonly string[]> = {
  MINISTRY: ['Minister', 'Deputy Minister', 'Spokesperson', 'Director-General'],
  GOVERNMENT_GROUP: ['Chair', 'Secretary', 'Member'],
  INTELLIGENCE_SERVICE: ['Director', 'Deputy Director', 'Senior Analyst'],
  NEWS_AGENCY: ['Editor-in-Chief', 'Correspondent'],
  LEGISLATORS: ['Speaker', 'Committee Chair', 'Deputy'],
  MEDIA: ['Editor', 'Columnist'],
  OTHER: ['Director', 'Senior Fellow'],
};
const COUNTRY_ROLES = ['Ambassador', 'Special Envoy', 'Senior Adviser'];
const LEADER_ROLES = [
  'President',
  'Prime Minister',
  'Foreign Minister',
  'Defence Minister',
  'Interior Minister',
  'Finance Minister',
  'Vice President',
  'Chief of Staff',
];

const AGREEMENT_PATTERNS: readonly ((name: string) => string)[] = [
  (n) => `Treaty of ${n}`,
  (n) => `${n} Accord`,
  (n) => `${n} Protocol`,
  (n) => `${n} Pact`,
  (n) => `${n} Convention`,
];
const EVENT_PATTERNS: readonly { name: (n: string) => string; label: string; status: EventStatus }[] = [
  { name: (n) => `${n} Offensive`, label: 'Military offensive', status: 'OCCURRING' },
  { name: (n) => `Siege of ${n}`, label: 'Siege', status: 'OCCURRING' },
  { name: (n) => `${n} Summit`, label: 'Summit', status: 'PLANNED' },
  { name: (n) => `${n} Talks`, label: 'Negotiations', status: 'REPORTED' },
  { name: (n) => `${n} Crisis`, label: 'Political crisis', status: 'REPORTED' },
  { name: (n) => `Blockade of ${n}`, label: 'Naval blockade', status: 'ALLEGED' },
];

// Salts keep the hashes of different facts about the same index independent.
const Salt = {
  CountryEnding: 1,
  EmployerKind: 2,
  Employer: 3,
  Role: 4,
  OrgType: 5,
  Parent: 6,
  AgreementPattern: 7,
  PartyCount: 8,
  Party: 9,
  EventPattern: 10,
  EventPlace: 11,
  EventInvolved: 12,
  EventDate: 13,
  Pair: 14,
  MeasureTemplate: 15,
  MeasureCountry: 16,
  HubEdge: 17,
  HubEdgeTarget: 18,
  PathCountry: 19,
} as const;

/** People reserved as staff of the probe organization (so its degree is known exactly). */
const PROBE_STAFF = 4;
/** How often the probe organization's relationships are stated: PART_OF thrice, each staff role twice. */
const PROBE_PART_OF_STATEMENTS = 3;
const PROBE_ROLE_STATEMENTS = 2;

/** A relationship the world plans between two entities (`keepStated` off: the default for planted and sampled ones). */
function planned(type: RelationshipType, from: EntityRef, to: EntityRef, role: string | null = null): PlannedRelationship {
  return { type, from, to, role, keepStated: false };
}

/**
 * The world of one corpus size and seed. Index ranges per kind start with reserved entities whose
 * relationships are planted (so the probes hold exactly), followed by the general entities that
 * relationships are sampled from:
 * - countries: 0 = the hub;
 * - people: 0 = the path's start, then the hub's leaders, then the probe organization's staff;
 * - organizations: 0 = the probe entity, then the hub's bodies, then the path's organization;
 * - events: 0 = the path's end, then the events located in the hub.
 */
export class SyntheticWorld {
  readonly counts: Record<EntityKind, number>;
  readonly firstGeneral: Record<EntityKind, number>;
  /** Relationships touching the hub, all planted: about 2,000 at the standard sizes. */
  readonly hubDegree: number;
  readonly hubBodies: number;
  readonly hubLeaders: number;
  readonly hubEvents: number;
  /** People (general ones) working for the hub's bodies: they speak for the hub. */
  readonly hubStaffStart: number;
  readonly hubStaffCount: number;
  readonly statements: number;
  readonly claims: number;
  readonly hubStatements: number;
  readonly probeMeasureClaims: number;
  readonly measures: number;
  /** The two countries on the planted path: the path organization's parent and its partner. */
  readonly pathCountries: readonly [number, number];

  constructor(
    readonly size: CorpusSize,
    readonly seed: number,
  ) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(size.name)) throw new Error(`corpus name "${size.name}" must be a lowercase slug`);
    const n = size.entities;
    const countries = Math.round(n * KIND_SHARES.Country);
    const organizations = Math.round(n * KIND_SHARES.Organization);
    const agreements = Math.round(n * KIND_SHARES.Agreement);
    const events = Math.round(n * KIND_SHARES.Event);
    this.counts = {
      Country: countries,
      Organization: organizations,
      Agreement: agreements,
      Event: events,
      Person: n - countries - organizations - agreements - events,
    };

    this.hubDegree = Math.min(2000, Math.round(size.relationships * 0.02));
    const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, Math.round(value)));
    this.hubBodies = clamp(this.hubDegree / 80, 2, 24);
    this.hubLeaders = clamp(this.hubDegree / 250, 2, LEADER_ROLES.length);
    this.hubEvents = clamp(this.hubDegree / 200, 2, 10);
    this.firstGeneral = {
      Country: 1,
      Person: 1 + this.hubLeaders + PROBE_STAFF,
      Organization: 2 + this.hubBodies,
      Agreement: 0,
      Event: 1 + this.hubEvents,
    };
    this.hubStaffCount = 5 * this.hubBodies;
    // In the middle of the popularity order: hub officials are neither the most nor the least quoted.
    this.hubStaffStart = this.firstGeneral.Person + Math.floor(0.3 * this.general('Person'));

    this.statements = Math.round(size.relationships / 20);
    this.claims = Math.round(size.relationships / 20);
    this.hubStatements = Math.min(this.statements - size.documents, Math.max(60, Math.round(this.statements * 0.03)));
    this.probeMeasureClaims = Math.min(8, Math.floor(this.claims / 4));
    this.measures = Math.max(2, Math.round((this.claims * 0.2) / 6));

    const first = this.parent(this.pathOrganization.index).index;
    let second = this.sampleCountry(unitHash(seed, Salt.PathCountry, 0));
    for (let attempt = 1; second === first; attempt++) second = this.sampleCountry(unitHash(seed, Salt.PathCountry, attempt));
    this.pathCountries = [first, second];
    this.assertFits();
  }

  private assertFits(): void {
    const { size } = this;
    const tooSmall = (what: string) => new Error(`corpus size ${size.name} is too small: ${what}`);
    if (this.general('Country') < 4) throw tooSmall('fewer than 5 countries');
    if (this.general('Organization') < 10 || this.general('Event') < 4 || this.general('Agreement') < 2)
      throw tooSmall('too few organizations, events or agreements');
    if (this.hubStaffStart + this.hubStaffCount > this.counts.Person) throw tooSmall('too few people');
    if (this.hubDegree < this.hubBodies + this.hubLeaders + this.hubEvents) throw tooSmall('too few relationships for the hub');
    if (this.hubStatements < 0 || size.documents < 1) throw tooSmall('too few statements or documents');
  }

  /** How many entities of a kind relationships are sampled from. */
  general(kind: EntityKind): number {
    return this.counts[kind] - this.firstGeneral[kind];
  }

  // --- reserved entities -------------------------------------------------------------------

  readonly hub: EntityRef = { kind: 'Country', index: 0 };
  readonly pathPerson: EntityRef = { kind: 'Person', index: 0 };
  readonly probeOrganization: EntityRef = { kind: 'Organization', index: 0 };
  readonly pathEvent: EntityRef = { kind: 'Event', index: 0 };
  get pathOrganization(): EntityRef {
    return { kind: 'Organization', index: 1 + this.hubBodies };
  }
  hubLeader(i: number): EntityRef {
    return { kind: 'Person', index: 1 + (i % this.hubLeaders) };
  }
  probeStaff(i: number): EntityRef {
    return { kind: 'Person', index: 1 + this.hubLeaders + (i % PROBE_STAFF) };
  }
  hubBody(i: number): EntityRef {
    return { kind: 'Organization', index: 1 + (i % this.hubBodies) };
  }
  hubEvent(i: number): EntityRef {
    return { kind: 'Event', index: 1 + (i % this.hubEvents) };
  }
  hubStaff(i: number): EntityRef {
    return { kind: 'Person', index: this.hubStaffStart + (i % this.hubStaffCount) };
  }

  // --- sampling general entities by popularity ---------------------------------------------

  /** A general entity of a kind, popular ones far more often (u uniform in [0, 1)). */
  sample(kind: EntityKind, u: number): EntityRef {
    return { kind, index: this.firstGeneral[kind] + popularIndex(u, this.general(kind), SKEW[kind]) };
  }
  private sampleCountry(u: number): number {
    return this.sample('Country', u).index;
  }

  // --- facts every document agrees on ------------------------------------------------------

  /** Whom a person works for, and as what. */
  employer(person: number): { body: EntityRef; role: string } {
    const { seed } = this;
    const role = (options: readonly string[]) => pick(unitHash(seed, Salt.Role, person), options);
    const roleAt = (body: EntityRef) => ({ body, role: role(ORG_ROLES[this.orgType(body.index)]) });
    if (person === this.pathPerson.index) return roleAt(this.pathOrganization);
    if (person < 1 + this.hubLeaders) return { body: this.hub, role: LEADER_ROLES[person - 1] ?? 'Minister' };
    if (person < this.firstGeneral.Person) return roleAt(this.probeOrganization);
    if (person >= this.hubStaffStart && person < this.hubStaffStart + this.hubStaffCount)
      return roleAt(this.hubBody(person - this.hubStaffStart));
    if (unitHash(seed, Salt.EmployerKind, person) < 0.12) {
      return { body: { kind: 'Country', index: this.sampleCountry(unitHash(seed, Salt.Employer, person)) }, role: role(COUNTRY_ROLES) };
    }
    return roleAt(this.sample('Organization', unitHash(seed, Salt.Employer, person)));
  }

  orgType(organization: number): OrgType {
    if (organization >= 1 && organization <= this.hubBodies) {
      return pick(unitHash(this.seed, Salt.OrgType, organization), [
        'MINISTRY',
        'MINISTRY',
        'GOVERNMENT_GROUP',
        'INTELLIGENCE_SERVICE',
        'LEGISLATORS',
      ] as const);
    }
    return pickWeighted(unitHash(this.seed, Salt.OrgType, organization), ORG_TYPE_WEIGHTS);
  }

  /**
   * The body an organization is part of. General organizations come in three tiers (each tier's
   * parent is in the tier above, the top tier's a country), so a person's employer reaches a
   * country within the three PART_OF hops the statements' affiliation filter follows.
   */
  parent(organization: number): EntityRef {
    const u = unitHash(this.seed, Salt.Parent, organization);
    if (organization >= 1 && organization <= this.hubBodies) return this.hub;
    const first = this.firstGeneral.Organization;
    if (organization < first) return this.sample('Country', u);
    const general = this.general('Organization');
    const tier1 = first + Math.floor(0.4 * general);
    const tier2 = first + Math.floor(0.75 * general);
    if (organization < tier1) return this.sample('Country', u);
    const [from, to] = organization < tier2 ? [first, tier1] : [tier1, tier2];
    // A newspaper or an institute is nobody's parent body: try a few popular candidates for one that can be.
    let parent = from;
    for (let attempt = 0; attempt < 20; attempt++) {
      parent = from + popularIndex(unitHash(this.seed, Salt.Parent, organization, attempt), to - from, SKEW.Organization);
      if (PARENT_TYPES.has(this.orgType(parent))) break;
    }
    return { kind: 'Organization', index: parent };
  }

  /** The countries party to an agreement (two to six, the popular ones more often). */
  parties(agreement: number): EntityRef[] {
    const count = 2 + Math.floor(unitHash(this.seed, Salt.PartyCount, agreement) * 5);
    const indexes = new Set<number>();
    for (let i = 0; i < count; i++) indexes.add(this.sampleCountry(unitHash(this.seed, Salt.Party, agreement, i)));
    return [...indexes].map((index) => ({ kind: 'Country', index }));
  }

  /** Where an event takes place. */
  location(event: number): EntityRef {
    if (event === this.pathEvent.index) return { kind: 'Country', index: this.pathCountries[1] };
    if (event <= this.hubEvents) return this.hub;
    return this.sample('Country', unitHash(this.seed, Salt.EventPlace, event));
  }

  /** The countries involved in an event (one to three). */
  involved(event: number): EntityRef[] {
    const count = 1 + Math.floor(unitHash(this.seed, Salt.EventInvolved, event) * 3);
    const indexes = new Set<number>();
    for (let i = 0; i < count; i++) indexes.add(this.sampleCountry(unitHash(this.seed, Salt.EventInvolved, event, i + 1)));
    return [...indexes].map((index) => ({ kind: 'Country', index }));
  }

  /** How two countries stand to each other; fixed per pair, so no pair is both allied and at war. */
  pairType(a: number, b: number): CountryPairType {
    const u = unitHash(this.seed, Salt.Pair, Math.min(a, b), Math.max(a, b));
    return pickWeighted(u, [
      ['AT_WAR_WITH', 15],
      ['ALLIED_WITH', 40],
      ['SUPPLIES', 45],
    ] as const);
  }

  /** The quantity measured by claims of measure `k` (k = 0 is the probe measure). */
  measure(k: number): Measure {
    const template = pick(unitHash(this.seed, Salt.MeasureTemplate, k), QUANTITY_TEMPLATES);
    const a = this.sample('Country', unitHash(this.seed, Salt.MeasureCountry, k, 0));
    let b = this.sample('Country', unitHash(this.seed, Salt.MeasureCountry, k, 1));
    for (let attempt = 2; b.index === a.index; attempt++) b = this.sample('Country', unitHash(this.seed, Salt.MeasureCountry, k, attempt));
    return { slug: `${template.slug}-${this.facts(a).id}-to-${this.facts(b).id}`, template, a, b };
  }

  // --- names ---------------------------------------------------------------------------------

  // Stem numbers are laid out per kind so that no two entities share a stem.
  private stemNumber(kind: EntityKind | 'Surname' | 'Capital', index: number): number {
    const { Country, Organization, Agreement, Event, Person } = this.counts;
    const offsets = {
      Country: 0,
      Organization: Country,
      Agreement: Country + Organization,
      Event: Country + Organization + Agreement,
      Surname: Country + Organization + Agreement + Event,
      Capital: Country + Organization + Agreement + Event + Math.ceil(Person / FIRST_NAMES.length),
      Person: 0,
    };
    return offsets[kind] + index;
  }

  /** The name of an entity, unique in the world. */
  name(ref: EntityRef): string {
    const word = (kind: EntityKind | 'Surname' | 'Capital', index: number) => capitalized(stem(this.stemNumber(kind, index)));
    switch (ref.kind) {
      case 'Country':
        return word('Country', ref.index) + pick(unitHash(this.seed, Salt.CountryEnding, ref.index), COUNTRY_ENDINGS);
      case 'Person':
        return `${FIRST_NAMES[ref.index % FIRST_NAMES.length] ?? ''} ${word('Surname', Math.floor(ref.index / FIRST_NAMES.length))}`;
      case 'Organization': {
        // Every eleventh organization is maritime: a word the full-text probe finds in names and statements.
        const maritime = ref.index % 11 === 5 ? ' Maritime' : '';
        return `${word('Organization', ref.index)}${maritime} ${ORG_NOUN[this.orgType(ref.index)]}`;
      }
      case 'Agreement':
        return pick(unitHash(this.seed, Salt.AgreementPattern, ref.index), AGREEMENT_PATTERNS)(word('Agreement', ref.index));
      case 'Event':
        return this.eventPattern(ref.index).name(word('Event', ref.index));
    }
  }

  private eventPattern(event: number) {
    return pick(unitHash(this.seed, Salt.EventPattern, event), EVENT_PATTERNS);
  }

  /** Everything documents say about an entity apart from where they mention it. */
  facts(ref: EntityRef): EntityFacts {
    const name = this.name(ref);
    const base = { id: slugify(name), kind: ref.kind, name };
    switch (ref.kind) {
      case 'Country': {
        const capital = capitalized(stem(this.stemNumber('Capital', ref.index)));
        return {
          ...base,
          aliases: [{ name: capital, basis: 'BACKGROUND' }],
          description: `Country of the synthetic benchmark world; its capital is ${capital}.`,
        };
      }
      case 'Person': {
        const { body, role } = this.employer(ref.index);
        return { ...base, aliases: [], description: `${role} at ${this.name(body)}.` };
      }
      case 'Organization': {
        const orgType = this.orgType(ref.index);
        return { ...base, aliases: [], orgType, description: `${ORG_LABEL[orgType]} under ${this.name(this.parent(ref.index))}.` };
      }
      case 'Agreement':
        return { ...base, aliases: [], description: `International agreement of the synthetic benchmark world.` };
      case 'Event': {
        const pattern = this.eventPattern(ref.index);
        const u = unitHash(this.seed, Salt.EventDate, ref.index);
        const month = 1 + Math.floor(u * 12);
        const day =
          unitHash(this.seed, Salt.EventDate, ref.index, 1) < 0.5
            ? 1 + Math.floor(unitHash(this.seed, Salt.EventDate, ref.index, 2) * 28)
            : null;
        const year = 2022 + Math.floor(unitHash(this.seed, Salt.EventDate, ref.index, 3) * 3);
        return {
          ...base,
          aliases: [],
          description: `${pattern.label} in ${this.name(this.location(ref.index))}.`,
          eventStatus: pattern.status,
          eventDate: { year, month, day },
        };
      }
    }
  }

  // --- planted relationships -----------------------------------------------------------------

  /**
   * Relationship `h` of the hub (0 <= h < hubDegree). The first ones give every body, leader and
   * event of the hub its relationship to the hub; the rest mix all the types a country takes part in.
   */
  hubRelationship(h: number): PlannedRelationship {
    const { hub, hubBodies, hubLeaders, hubEvents } = this;
    const leader = (i: number) => planned('HOLDS_ROLE', this.hubLeader(i), hub, this.employer(this.hubLeader(i).index).role);
    if (h < hubBodies) return planned('PART_OF', this.hubBody(h), hub);
    if (h < hubBodies + hubLeaders) return leader(h - hubBodies);
    if (h < hubBodies + hubLeaders + hubEvents) return planned('LOCATED_IN', this.hubEvent(h - hubBodies - hubLeaders), hub);
    const u = unitHash(this.seed, Salt.HubEdgeTarget, h);
    const kind = pickWeighted(unitHash(this.seed, Salt.HubEdge, h), [
      ['body', 10],
      ['leader', 6],
      ['located', 6],
      ['party', 20],
      ['involved', 18],
      ['country', 40],
    ] as const);
    switch (kind) {
      case 'body':
        return planned('PART_OF', this.hubBody(Math.floor(u * hubBodies)), hub);
      case 'leader':
        return leader(Math.floor(u * hubLeaders));
      case 'located':
        return planned('LOCATED_IN', this.hubEvent(Math.floor(u * hubEvents)), hub);
      case 'party':
        return planned('PARTY_TO', hub, this.sample('Agreement', u));
      case 'involved':
        return planned('INVOLVED_IN', hub, this.sample('Event', u));
      case 'country': {
        const other = this.sample('Country', u);
        const type = this.pairType(hub.index, other.index);
        // Supplies run both ways; the hub is the supplier for half of its partners.
        return unitHash(this.seed, Salt.HubEdge, h, 1) < 0.5 ? planned(type, hub, other) : planned(type, other, hub);
      }
    }
  }

  /** The probe organization's relationships: its parent, stated thrice, and each staff member's role, twice. */
  probeRelationships(): PlannedRelationship[] {
    const org = this.probeOrganization;
    const partOf: PlannedRelationship = { type: 'PART_OF', from: org, to: this.parent(org.index), role: null, keepStated: true };
    const roles = Array.from({ length: PROBE_STAFF }, (_, i): PlannedRelationship => {
      const person = this.probeStaff(i);
      return { type: 'HOLDS_ROLE', from: person, to: org, role: this.employer(person.index).role, keepStated: true };
    });
    return [
      ...Array.from({ length: PROBE_PART_OF_STATEMENTS }, () => partOf),
      ...Array.from({ length: PROBE_ROLE_STATEMENTS }, () => roles).flat(),
    ];
  }

  /**
   * The planted path: person -HOLDS_ROLE-> organization -PART_OF-> country -(pair)- country <-LOCATED_IN- event.
   * The person and the event have no other relationship, and the organization touches no other
   * country, so the shortest path between the ends is exactly 4 hops.
   */
  pathRelationships(): PlannedRelationship[] {
    const [first, second] = this.pathCountries;
    const countryA: EntityRef = { kind: 'Country', index: first };
    const countryB: EntityRef = { kind: 'Country', index: second };
    const stated = (type: RelationshipType, from: EntityRef, to: EntityRef, role: string | null = null): PlannedRelationship => ({
      type,
      from,
      to,
      role,
      keepStated: true,
    });
    return [
      stated('HOLDS_ROLE', this.pathPerson, this.pathOrganization, this.employer(this.pathPerson.index).role),
      stated('PART_OF', this.pathOrganization, countryA),
      stated(this.pairType(first, second), countryA, countryB),
      stated('LOCATED_IN', this.pathEvent, countryB),
    ];
  }

  /** The relationship that gives a general entity its place in the world (each is stated at least once). */
  primaryRelationship(ref: EntityRef, u: number): PlannedRelationship {
    switch (ref.kind) {
      case 'Person': {
        const { body, role } = this.employer(ref.index);
        return planned('HOLDS_ROLE', ref, body, role);
      }
      case 'Organization':
        return planned('PART_OF', ref, this.parent(ref.index));
      case 'Agreement':
        return planned('PARTY_TO', pick(u, this.parties(ref.index)), ref);
      case 'Event':
        return planned('LOCATED_IN', ref, this.location(ref.index));
      case 'Country':
        return this.countryPair(ref.index, null, (attempt) => unitHash(this.seed, Salt.Pair, ref.index, attempt, Math.floor(u * 1e9)));
    }
  }

  /** A sampled relationship of a given type between general entities. */
  sampledRelationship(type: RelationshipType, next: () => number): PlannedRelationship {
    const of = (from: EntityRef, to: EntityRef, role: string | null = null) => planned(type, from, to, role);
    switch (type) {
      case 'HOLDS_ROLE': {
        const person = this.sample('Person', next());
        const { body, role } = this.employer(person.index);
        return of(person, body, role);
      }
      case 'PART_OF': {
        const org = this.sample('Organization', next());
        return of(org, this.parent(org.index));
      }
      case 'PARTY_TO': {
        const agreement = this.sample('Agreement', next());
        return of(pick(next(), this.parties(agreement.index)), agreement);
      }
      case 'INVOLVED_IN': {
        const event = this.sample('Event', next());
        return of(pick(next(), this.involved(event.index)), event);
      }
      case 'LOCATED_IN': {
        const event = this.sample('Event', next());
        return of(event, this.location(event.index));
      }
      case 'AT_WAR_WITH':
      case 'ALLIED_WITH':
      case 'SUPPLIES':
        return this.countryPair(this.sampleCountry(next()), type, () => next());
    }
  }

  /** A relationship between `first` and a partner country, of `type` if a partner with it turns up soon. */
  private countryPair(first: number, type: CountryPairType | null, next: (attempt: number) => number): PlannedRelationship {
    let fallback: number | null = null;
    for (let attempt = 0; attempt < 200; attempt++) {
      const other = this.sampleCountry(next(attempt));
      if (other === first) continue;
      fallback ??= other;
      if (type === null || this.pairType(first, other) === type) return this.pairRelationship(first, other);
    }
    if (fallback === null) throw new Error('no partner country found');
    return this.pairRelationship(first, fallback);
  }

  private pairRelationship(first: number, other: number): PlannedRelationship {
    return {
      type: this.pairType(first, other),
      from: { kind: 'Country', index: first },
      to: { kind: 'Country', index: other },
      role: null,
      keepStated: false,
    };
  }
}
