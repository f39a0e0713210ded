import type { DATE_PRECISIONS } from '../seed/format.js';
import { listSources } from '../graph/evidence.js';
import type { DateRecord } from '../graph/records.js';
import { pageSize } from '../graph/paging.js';
import { firstArgs, firstCost, present, required } from './args.js';
import { builder } from './builder.js';
import { EvidenceRef, PartialDateRef, SourceRef } from './refs.js';

/** Cost of one source text (see Source.text). */
const SOURCE_TEXT_COST = 10;

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description: 'How much of a date the source states.',
  values: {
    DAY: { value: 'DAY', description: 'Year, month and day are stated.' },
    MONTH_DAY: { value: 'MONTH_DAY', description: 'Month and day are stated, the year is not (e.g. "Oct. 25").' },
    MONTH: { value: 'MONTH', description: 'Only the month (and perhaps year) is stated.' },
    YEAR: { value: 'YEAR', description: 'Only the year is stated.' },
  } satisfies Record<(typeof DATE_PRECISIONS)[number], unknown>,
});

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** A date as people read it, saying which parts were inferred, e.g. "Oct. 25 (year 2024 inferred)". */
export function describeDate(date: DateRecord): string {
  const month = date.month === null ? '' : (MONTHS[date.month - 1] ?? '');
  const stated = [month, date.day ?? '', date.year ?? ''].filter((part) => part !== '').join(' ');
  const year = date.inferredYear === null ? '' : ` (year ${date.inferredYear} inferred)`;
  return `${stated}${year}${date.inferred ? ' [date inferred from context]' : ''}`;
}

PartialDateRef.implement({
  description:
    'A date exactly as precise as its source. Parts that were inferred rather than stated are flagged and explained, never presented as stated.',
  fields: (t) => ({
    text: t.exposeString('text', { nullable: true, description: 'The words of the source, e.g. "Oct. 25"; null when the date is not stated.' }),
    year: t.exposeInt('year', { nullable: true, description: 'Year, only when the source states it.' }),
    month: t.exposeInt('month', { nullable: true, description: 'Month 1-12, when known.' }),
    day: t.exposeInt('day', { nullable: true, description: 'Day of month, when known.' }),
    precision: t.field({ type: DatePrecisionEnum, description: 'What the source states.', resolve: (date) => date.precision }),
    inferredYear: t.exposeInt('inferredYear', { nullable: true, description: 'A year inferred from outside the text; see inferredYearBasis.' }),
    inferredYearBasis: t.exposeString('inferredYearBasis', { nullable: true, description: 'Why the year was inferred.' }),
    inferred: t.exposeBoolean('inferred', { description: 'True when the date itself is not stated for this item but inferred from context.' }),
    inferenceBasis: t.exposeString('inferenceBasis', { nullable: true, description: 'Why the date was inferred, when `inferred` is true.' }),
    sortKey: t.exposeString('sortKey', {
      description: 'Sortable YYYY-MM-DD key; uses the inferred year when none is stated, 0000/00 for unknown parts.',
    }),
    display: t.string({ description: 'Human-readable form that says what was inferred, e.g. "Oct. 25 (year 2024 inferred)".', resolve: describeDate }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'Where the source states the date.',
      resolve: async (date, _args, ctx) => present(await ctx.loaders.evidence.loadMany(date.evidenceIds)),
    }),
  }),
});

builder.node(SourceRef, {
  description: 'A document facts were extracted from (e.g. a news article).',
  id: { resolve: (source) => source.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.source.load(id)),
  fields: (t) => ({
    slug: t.exposeString('id', { description: 'Stable id of the source, e.g. "article-001".' }),
    title: t.exposeString('title', { description: 'Headline or title.' }),
    file: t.exposeString('file', { description: 'File name of the text in seed-data/.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Publisher, when known.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where it was published, when known.' }),
    language: t.exposeString('language', { description: 'Language code, e.g. "en".' }),
    // Priced like ten objects: the text is the largest value in the graph.
    text: t.exposeString('text', { description: 'The full text; every Evidence offset points into it.', complexity: SOURCE_TEXT_COST }),
  }),
});

builder.node(EvidenceRef, {
  description: 'The exact words of a source that support a fact: offsets are JavaScript string indices (UTF-16 code units) into Source.text.',
  id: { resolve: (evidence) => evidence.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.evidence.load(id)),
  fields: (t) => ({
    quote: t.exposeString('quote', { description: 'The quoted words, equal to source.text.slice(start, end).' }),
    start: t.exposeInt('start', { description: 'Start offset (inclusive) in Source.text.' }),
    end: t.exposeInt('end', { description: 'End offset (exclusive) in Source.text.' }),
    source: t.field({
      type: SourceRef,
      description: 'The source the words come from.',
      resolve: (evidence, _args, ctx) => required(ctx.loaders.source.load(evidence.sourceId), `source ${evidence.sourceId}`),
    }),
  }),
});

builder.queryField('sources', (t) =>
  t.field({
    type: [SourceRef],
    description: 'Source documents in the graph, ordered by slug.',
    args: firstArgs,
    complexity: firstCost,
    resolve: async (_root, args, ctx) => listSources(ctx.executor, pageSize(args.first)),
  }),
);
