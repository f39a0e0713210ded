// Type references shared across domain files, so that domains can point at each other
// (a Statement's speakers are Entities, an Entity's statements are Statements) without import cycles.
import type { EntityEdge } from '../graph/entities.js';
import type { ClaimRecord, DateRecord, EntityRecord, EvidenceRecord, SourceRecord, StanceRecord, StatementRecord } from '../graph/records.js';
import { builder } from './builder.js';

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');
export const CountryRef = builder.objectRef<EntityRecord>('Country');
export const PersonRef = builder.objectRef<EntityRecord>('Person');
export const OrganizationRef = builder.objectRef<EntityRecord>('Organization');
export const AgreementRef = builder.objectRef<EntityRecord>('Agreement');
export const EventRef = builder.objectRef<EntityRecord>('Event');
export const EntityRelationshipRef = builder.objectRef<EntityEdge>('EntityRelationship');

export const StatementRef = builder.objectRef<StatementRecord>('Statement');
export const StanceTakenRef = builder.objectRef<StanceRecord>('StanceTaken');
export const ClaimRef = builder.objectRef<ClaimRecord>('Claim');

export const EvidenceRef = builder.objectRef<EvidenceRecord>('Evidence');
export const SourceRef = builder.objectRef<SourceRecord>('Source');
export const PartialDateRef = builder.objectRef<DateRecord>('PartialDate');
