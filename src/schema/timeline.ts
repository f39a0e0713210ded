import { timeline, type TimelineItem } from '../graph/timeline.js';
import { dateBound } from './args.js';
import { withEntityArguments } from './entity-arguments.js';
import { pageSize } from '../graph/paging.js';
import { builder } from './builder.js';
import { pageCost } from './cost.js';
import { EventRef, PartialDateRef, StatementRef } from './refs.js';

const TimelineKindEnum = builder.enumType('TimelineKind', {
  description: 'What a timeline item is.',
  values: { STATEMENT: { value: 'STATEMENT', description: 'A dated statement.' }, EVENT: { value: 'EVENT', description: 'A dated event.' } },
});

const TimelineItemRef = builder.objectRef<TimelineItem>('TimelineItem').implement({
  description: 'A dated statement or event.',
  fields: (t) => ({
    kind: t.field({ type: TimelineKindEnum, description: 'Statement or event.', resolve: (item) => item.kind }),
    date: t.field({
      type: PartialDateRef,
      description: 'Its date, as precise as the source (inferred parts flagged).',
      resolve: (item) => {
        const date = item.kind === 'STATEMENT' ? item.statement.date : item.event.date;
        if (!date) throw new Error('timeline item without a date');
        return date;
      },
    }),
    statement: t.field({ type: StatementRef, nullable: true, description: 'The statement, when kind is STATEMENT.', resolve: (item) => (item.kind === 'STATEMENT' ? item.statement : null) }),
    event: t.field({ type: EventRef, nullable: true, description: 'The event, when kind is EVENT.', resolve: (item) => (item.kind === 'EVENT' ? item.event : null) }),
  }),
});

builder.queryField('timeline', (t) =>
  t.field({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: [TimelineItemRef],
    description: 'Dated statements and events in date order. Dates without a stated year sort by their inferred year, which each item flags.',
    args: {
      from: t.arg.string({ required: false, description: 'On or after: 2024, 2024-10 or 2024-10-24.' }),
      to: t.arg.string({ required: false, description: 'On or before: 2024, 2024-10 or 2024-10-25.' }),
      entity: t.arg.id({
        required: false,
        description:
          'Only items involving this entity (slug, global id, name or alias): statements it made, is the subject of, relayed as an outlet or is cited by; the event itself and events it is linked to.',
      }),
      first: t.arg.int({ defaultValue: 50, required: true, description: 'At most this many items, 1 to 100.' }),
    },
    complexity: (args) => pageCost(args.first),
    resolve: (_root, args, ctx) => {
      const options = { from: dateBound(args.from, 'from', 'from'), to: dateBound(args.to, 'to', 'to'), limit: pageSize(args.first) };
      return withEntityArguments(ctx, { entity: args.entity }, (ids) => timeline(ctx.executor, { ...options, entityId: ids.entity }));
    },
  }),
);
