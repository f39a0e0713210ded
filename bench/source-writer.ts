// Writes a synthetic source text piece by piece and records the exact span of everything written,
// so every evidence quote is by construction text.slice(start, end) of the finished text.
import type { DateSpec, Evidence, SeedEntity } from '../src/seed/format.js';
import { MONTHS } from './names.js';
import type { EntityFacts, EntityRef, SyntheticWorld } from './world.js';

/** A position in the text being written. */
interface Mark {
  part: number;
  offset: number;
}

/** Words and entities in order: an entity is written as its name and recorded as a mention. */
export type Phrase = readonly (string | EntityRef)[];

/** Extractors rarely keep every mention of a frequent name; three per document keep spans bounded. */
const MAX_MENTIONS_PER_ENTITY = 3;

/** A source text under construction together with the entities it names. */
export class SourceWriter {
  // Appending to an array and joining slices keeps writing linear; slicing a growing string would
  // flatten it again at every span.
  private readonly parts: string[] = [];
  private length = 0;
  private readonly declared = new Map<string, SeedEntity>();
  private readonly factsByRef = new Map<string, EntityFacts>();

  constructor(
    readonly world: SyntheticWorld,
    readonly sourceId: string,
  ) {}

  /** The current end of the text, to take a span from later. */
  mark(): Mark {
    return { part: this.parts.length, offset: this.length };
  }

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /** The evidence span from `mark` to the current end of the text. */
  spanSince(mark: Mark): Evidence {
    return { source: this.sourceId, start: mark.offset, end: this.length, quote: this.parts.slice(mark.part).join('') };
  }

  /** Writes `text` and returns its span. */
  written(text: string): Evidence {
    const mark = this.mark();
    this.write(text);
    return this.spanSince(mark);
  }

  /** What the world says about an entity (cached for this document). */
  facts(ref: EntityRef): EntityFacts {
    const key = `${ref.kind}:${ref.index}`;
    let facts = this.factsByRef.get(key);
    if (!facts) {
      facts = this.world.facts(ref);
      this.factsByRef.set(key, facts);
    }
    return facts;
  }

  /**
   * Writes an entity's name, declares the entity in this document and records the mention. The
   * first mention of an event is followed by its date in brackets, the evidence of the event's date.
   */
  mention(ref: EntityRef): string {
    const facts = this.facts(ref);
    const span = this.written(facts.name);
    let entity = this.declared.get(facts.id);
    if (!entity) {
      entity = {
        id: facts.id,
        kind: facts.kind,
        name: facts.name,
        aliases: facts.aliases,
        description: facts.description,
        background: [],
        mentions: [],
      };
      if (facts.orgType) entity.orgType = facts.orgType;
      if (facts.eventStatus) entity.eventStatus = facts.eventStatus;
      if (facts.eventDate) {
        this.write(' (');
        entity.date = this.eventDate(facts.eventDate);
        this.write(')');
      }
      this.declared.set(facts.id, entity);
    }
    if (entity.mentions.length < MAX_MENTIONS_PER_ENTITY) entity.mentions.push(span);
    return facts.id;
  }

  private eventDate(date: NonNullable<EntityFacts['eventDate']>): DateSpec {
    const month = MONTHS[date.month - 1] ?? '';
    const span = this.written(date.day === null ? `${month} ${date.year}` : `${date.day} ${month} ${date.year}`);
    return {
      text: span.quote,
      year: date.year,
      month: date.month,
      day: date.day,
      precision: date.day === null ? 'MONTH' : 'DAY',
      inferredYear: null,
      inferredYearBasis: null,
      inferred: false,
      inferenceBasis: null,
      evidence: [span],
    };
  }

  /** Writes a phrase; returns its span and the ids of the entities it names, in order, without repeats. */
  phrase(phrase: Phrase): { span: Evidence; entityIds: string[] } {
    const mark = this.mark();
    const ids: string[] = [];
    for (const piece of phrase) {
      if (typeof piece === 'string') this.write(piece);
      else {
        const id = this.mention(piece);
        if (!ids.includes(id)) ids.push(id);
      }
    }
    return { span: this.spanSince(mark), entityIds: ids };
  }

  /** True when this document already names the entity. */
  declares(ref: EntityRef): boolean {
    return this.declared.has(this.facts(ref).id);
  }

  /** The entities named so far, in order of first mention. */
  entities(): SeedEntity[] {
    return [...this.declared.values()];
  }

  text(): string {
    return this.parts.join('');
  }
}
